package org.checkoutsaga.events;

import java.util.List;

/**
 * Asks the receipt service to store the receipt of a completed checkout. Idempotent on
 * the checkout id: a repeat returns the receipt already stored.
 *
 * @param checkoutId the checkout the receipt is for
 * @param userId the buyer
 * @param items what was bought
 * @param clientTimestamp when the client created the checkout, epoch milliseconds
 */
public record ReceiptRequest(String checkoutId, String userId, List<CheckoutItem> items, long clientTimestamp) {

	public ReceiptRequest {
		items = (items != null) ? List.copyOf(items) : null;
	}

}
