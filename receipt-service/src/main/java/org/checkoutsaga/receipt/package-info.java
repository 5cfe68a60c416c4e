/**
 * Receipts: the HTTP API, its validation and error answers, and the idempotent,
 * group-committed storage of one receipt per checkout, its cancellation (or a tombstone
 * that refuses it), and a paged listing of the live receipts.
 */
package org.checkoutsaga.receipt;
