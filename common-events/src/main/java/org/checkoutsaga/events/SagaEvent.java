package org.checkoutsaga.events;

import java.util.List;

/**
 * What happened in a checkout saga: the entries of its append-only history. Replaying a
 * saga's events in order rebuilds its state.
 */
public sealed interface SagaEvent permits SagaEvent.CheckoutStarted, SagaEvent.StockRetracted, SagaEvent.StockRefused,
		SagaEvent.StockRestored, SagaEvent.ReceiptStored {

	/**
	 * The saga began. Always the first event of a history.
	 *
	 * @param checkoutId the saga's id
	 * @param requestId the client's id for the checkout
	 * @param experimentId the run that produced the checkout (may be null)
	 * @param userId the buyer
	 * @param items what is bought
	 * @param clientTimestamp when the client created the checkout, epoch milliseconds
	 * @param source how the checkout arrived
	 */
	record CheckoutStarted(String checkoutId, String requestId, String experimentId, String userId,
			List<CheckoutItem> items, long clientTimestamp, Source source) implements SagaEvent {

		public CheckoutStarted {
			items = List.copyOf(items);
		}

	}

	/** The units of one item were taken from stock. */
	record StockRetracted(String itemId, int quantity) implements SagaEvent {
	}

	/** One item could not be retracted, for a business reason. */
	record StockRefused(String itemId, RejectionReason reason, String detail) implements SagaEvent {
	}

	/** The units retracted for one item went back to stock (compensation). */
	record StockRestored(String itemId, int quantity) implements SagaEvent {
	}

	/** The receipt was stored; {@code createdAt} is the checkout's completion time. */
	record ReceiptStored(String receiptId, long createdAt) implements SagaEvent {
	}

	/** How a checkout arrived. */
	enum Source {

		REST, KAFKA

	}

}
