package org.checkoutsaga.orchestrator.api;

import java.util.List;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;

/**
 * A page of {@code GET /checkouts}: checkouts in id order.
 *
 * @param checkouts the checkouts on this page
 * @param next the id to pass as {@code after} for the next page; null on the last page
 */
record CheckoutPage(List<Summary> checkouts, String next) {

	/**
	 * One checkout, as its history replays.
	 *
	 * @param checkoutId the saga
	 * @param status where it stands
	 * @param reason why it was rejected, or null
	 * @param startedAt when its first event was recorded, epoch milliseconds
	 * @param finishedAt when its final event was recorded, epoch milliseconds; null while
	 * unfinished
	 */
	record Summary(String checkoutId, CheckoutStatus status, RejectionReason reason, long startedAt, Long finishedAt) {
	}

}
