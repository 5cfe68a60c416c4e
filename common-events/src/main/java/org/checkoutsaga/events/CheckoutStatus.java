package org.checkoutsaga.events;

/**
 * Where a checkout stands.
 */
public enum CheckoutStatus {

	/** Stock calls or the receipt are outstanding, or the checkout is compensating. */
	RUNNING,

	/** Every item was retracted and the receipt is stored. */
	COMPLETED,

	/**
	 * Some item could not be retracted, or the deadline passed; every item that was
	 * retracted is restored and no receipt exists.
	 */
	REJECTED,

	/**
	 * The compensation did not finish before its own deadline: some stock is still taken
	 * or a receipt may still exist. Not an end: the orchestrator keeps retrying at its
	 * longest backoff, and an operator can retry it at once; it ends REJECTED.
	 */
	COMPENSATION_FAILED;

	/**
	 * Whether the checkout has ended: COMPLETED or REJECTED.
	 * @return true for an outcome that never changes again
	 */
	public boolean isTerminal() {
		return this == COMPLETED || this == REJECTED;
	}

}
