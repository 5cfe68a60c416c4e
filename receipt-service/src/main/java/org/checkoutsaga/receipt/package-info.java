/**
 * Receipts: the HTTP API, its validation and error answers, and the idempotent,
 * group-committed storage of one receipt per checkout.
 */
package org.checkoutsaga.receipt;
