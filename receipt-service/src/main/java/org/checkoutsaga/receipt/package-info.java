/**
 * Receipts: the HTTP API, its validation and error answers, and the idempotent,
 * group-committed storage of one receipt per checkout and its cancellation (or a
 * tombstone that refuses it).
 */
package org.checkoutsaga.receipt;
