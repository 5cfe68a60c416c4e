package org.checkoutsaga.events;

/**
 * The outcome of one checkout, published once to {@code checkout-results} when its saga
 * ends. It carries the client's timestamp and the completion time so a consumer can
 * measure end-to-end latency.
 *
 * @param checkoutId the saga's id
 * @param requestId the client's id for the checkout
 * @param experimentId the run that produced the checkout event (may be null)
 * @param status {@link CheckoutStatus#COMPLETED} or {@link CheckoutStatus#REJECTED}
 * @param reason why it was rejected, null when completed
 * @param receiptId the stored receipt, null when rejected
 * @param clientTimestamp when the client created the checkout, epoch milliseconds
 * @param completedAt when the saga ended (the receipt's creation time when completed),
 * epoch milliseconds
 */
public record CheckoutOutcome(String checkoutId, String requestId, String experimentId, CheckoutStatus status,
		RejectionReason reason, String receiptId, long clientTimestamp, long completedAt) {

	/** The topic outcomes are published to. */
	public static final String TOPIC = "checkout-results";

	/**
	 * End-to-end latency as the thesis defines it: completion minus client timestamp.
	 * @return milliseconds from the client's timestamp to completion
	 */
	public long latencyMillis() {
		return this.completedAt - this.clientTimestamp;
	}

}
