package org.checkoutsaga.bench.load;

/**
 * One checkout of a run as the client saw it.
 *
 * @param index the order in which the client created it, from 0
 * @param requestId its request id (the checkout id)
 * @param clientTimestamp when the client created it, epoch milliseconds (the thesis'
 * T_start)
 * @param outcome what {@code checkout-results} said about it, null if nothing came
 */
public record Sample(int index, String requestId, long clientTimestamp, Outcome outcome) {

	/**
	 * @return whether the checkout completed (its receipt is stored)
	 */
	public boolean completed() {
		return this.outcome != null && "COMPLETED".equals(this.outcome.status());
	}

	/**
	 * @return whether the checkout ended rejected
	 */
	public boolean rejected() {
		return this.outcome != null && "REJECTED".equals(this.outcome.status());
	}

	/**
	 * @return the thesis' end-to-end latency, T_end - T_start, in milliseconds; only
	 * meaningful with an outcome
	 */
	public long latencyMillis() {
		return this.outcome.completedAt() - this.clientTimestamp;
	}

	/**
	 * A checkout's outcome as published to {@code checkout-results}.
	 *
	 * @param status COMPLETED or REJECTED
	 * @param reason why it was rejected, null when completed
	 * @param completedAt when it ended (the receipt's creation time when completed),
	 * epoch milliseconds
	 * @param serverTimestamp the {@code clientTimestamp} the suite recorded; for REST the
	 * orchestrator's clock when the request was handled
	 */
	public record Outcome(String status, String reason, long completedAt, long serverTimestamp) {
	}

}
