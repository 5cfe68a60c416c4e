package org.checkoutsaga.events;

import java.util.List;

/**
 * A stored receipt, the end of a completed checkout.
 *
 * @param receiptId the receipt's own id
 * @param checkoutId the checkout it belongs to (one receipt per checkout)
 * @param userId the buyer
 * @param items what was bought
 * @param clientTimestamp when the client created the checkout, epoch milliseconds
 * @param createdAt when the receipt was stored (the thesis' T_end), epoch milliseconds
 */
public record Receipt(String receiptId, String checkoutId, String userId, List<CheckoutItem> items,
		long clientTimestamp, long createdAt) {

	public Receipt {
		items = List.copyOf(items);
	}

}
