package org.checkoutsaga.orchestrator.api;

import java.util.List;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.saga.CheckoutState.LineStatus;

/**
 * What {@code GET /checkouts/{id}} shows: status, items, outcome, timings and the saga's
 * history (its audit trail). Built from the durable history only.
 *
 * @param checkoutId the saga
 * @param requestId the client's id for it
 * @param experimentId the run it belongs to, if any
 * @param userId the buyer
 * @param status RUNNING, COMPLETED or REJECTED
 * @param reason why it was rejected
 * @param receiptId the stored receipt, once completed
 * @param items each item and how far its stock call got
 * @param timings epoch milliseconds
 * @param history every event, in order
 */
record CheckoutView(String checkoutId, String requestId, String experimentId, String userId, CheckoutStatus status,
		RejectionReason reason, String receiptId, List<Item> items, Timings timings, List<Entry> history) {

	record Item(String itemId, int quantity, LineStatus status) {
	}

	/**
	 * @param clientTimestamp when the client created the checkout
	 * @param startedAt when the saga's first event was recorded
	 * @param completedAt when it ended, null while running
	 * @param latencyMs completion minus client timestamp, null while running
	 */
	record Timings(long clientTimestamp, long startedAt, Long completedAt, Long latencyMs) {
	}

	record Entry(int sequence, long recordedAt, SagaEvent event) {
	}

}
