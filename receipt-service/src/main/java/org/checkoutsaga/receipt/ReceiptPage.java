package org.checkoutsaga.receipt;

import java.util.List;

/**
 * One page of {@code GET /receipts}: live receipts in checkout id order, for checkers
 * that compare them with the other services.
 *
 * @param receipts the receipts of the page
 * @param next the checkout id to pass as {@code after} for the next page; {@code null}
 * when this is the last page
 */
record ReceiptPage(List<Entry> receipts, String next) {

	/**
	 * One live receipt, without its items.
	 *
	 * @param checkoutId the checkout
	 * @param receiptId the receipt
	 * @param createdAt when it was stored, epoch milliseconds
	 */
	record Entry(String checkoutId, String receiptId, long createdAt) {
	}

}
