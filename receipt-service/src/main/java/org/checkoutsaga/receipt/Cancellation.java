package org.checkoutsaga.receipt;

/**
 * The answer to {@code DELETE /receipts/{checkoutId}}, the same on every repeat.
 *
 * @param checkoutId the checkout
 * @param cancelled {@code true} if a stored receipt was cancelled, by this call or an
 * earlier one; {@code false} if there was none, and a tombstone now refuses one
 */
record Cancellation(String checkoutId, boolean cancelled) {
}
