package org.checkoutsaga.receipt;

import java.util.List;

/**
 * The body of {@code PUT /receipts/{checkoutId}} as received: the JSON of a
 * {@link org.checkoutsaga.events.ReceiptRequest}, with nothing required yet, so that
 * {@link ReceiptRequestValidator} can name every missing or wrong field.
 *
 * @param checkoutId optional; if present, the checkout id of the path
 * @param userId the buyer
 * @param items what was bought
 * @param clientTimestamp when the client created the checkout, epoch milliseconds
 */
record ReceiptForm(String checkoutId, String userId, List<Item> items, Long clientTimestamp) {

	/**
	 * One line of the receipt as received.
	 *
	 * @param itemId the item
	 * @param quantity how many units
	 */
	record Item(String itemId, Long quantity) {
	}

}
