package org.checkoutsaga.receipt;

/**
 * How a store of a receipt was answered: with the checkout's receipt, or refused because
 * the checkout was cancelled.
 */
sealed interface StoreOutcome permits ReceiptStore.StoredReceipt, StoreOutcome.Refused {

	/**
	 * The checkout was cancelled before or after a receipt was stored; nothing was
	 * stored.
	 *
	 * @param checkoutId the checkout
	 */
	record Refused(String checkoutId) implements StoreOutcome {
	}

}
