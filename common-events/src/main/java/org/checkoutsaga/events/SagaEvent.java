package org.checkoutsaga.events;

import java.util.List;

/**
 * What happened in a checkout saga: the entries of its append-only history. Replaying a
 * saga's events in order rebuilds its state.
 */
public sealed interface SagaEvent
		permits SagaEvent.CheckoutStarted, SagaEvent.StockRetracted, SagaEvent.StockRefused, SagaEvent.StockRestored,
		SagaEvent.ReceiptStored, SagaEvent.ReceiptCancelled, SagaEvent.DeadlinePassed, SagaEvent.CompensationFailed,
		SagaEvent.CompensationRetried, SagaEvent.RetryRequested, SagaEvent.TerminationRequested {

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
	 * @param deadline when the saga stops trying to complete and compensates instead,
	 * epoch milliseconds; 0 for none
	 */
	record CheckoutStarted(String checkoutId, String requestId, String experimentId, String userId,
			List<CheckoutItem> items, long clientTimestamp, Source source, long deadline) implements SagaEvent {

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

	/**
	 * The receipt service cancelled the checkout's receipt (compensation after the
	 * deadline): none exists now, and none can be stored later.
	 *
	 * @param existed whether a stored receipt was removed
	 */
	record ReceiptCancelled(boolean existed) implements SagaEvent {
	}

	/**
	 * The saga's deadline passed before it ended: steps whose outcome is unknown are
	 * compensated, and the compensation has until {@code compensateBy}.
	 *
	 * @param at when, epoch milliseconds
	 * @param compensateBy when the compensation counts as failed, epoch milliseconds
	 */
	record DeadlinePassed(long at, long compensateBy) implements SagaEvent {
	}

	/**
	 * The compensation did not finish by its deadline; the saga needs attention.
	 *
	 * @param at when, epoch milliseconds
	 */
	record CompensationFailed(long at) implements SagaEvent {
	}

	/**
	 * An operator asked for a failed compensation to be tried again.
	 *
	 * @param at when, epoch milliseconds
	 * @param compensateBy the compensation's new deadline, epoch milliseconds
	 * @param reason what the operator gave as the reason
	 */
	record CompensationRetried(long at, long compensateBy, String reason) implements SagaEvent {
	}

	/**
	 * An operator asked for the saga's waiting calls to be made at once; changes nothing
	 * else.
	 *
	 * @param at when, epoch milliseconds
	 * @param reason what the operator gave as the reason
	 */
	record RetryRequested(long at, String reason) implements SagaEvent {
	}

	/**
	 * An operator ended the saga: like a passed deadline, everything that may have
	 * happened is compensated, and the compensation has until {@code compensateBy}.
	 *
	 * @param at when, epoch milliseconds
	 * @param reason what the operator gave as the reason
	 * @param compensateBy when the compensation counts as failed, epoch milliseconds
	 */
	record TerminationRequested(long at, String reason, long compensateBy) implements SagaEvent {
	}

	/** How a checkout arrived. */
	enum Source {

		REST, KAFKA

	}

}
