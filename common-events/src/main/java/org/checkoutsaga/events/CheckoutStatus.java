package org.checkoutsaga.events;

/**
 * Where a checkout stands.
 */
public enum CheckoutStatus {

	/** Stock calls or the receipt are outstanding. */
	RUNNING,

	/** Every item was retracted and the receipt is stored. */
	COMPLETED,

	/** Some item could not be retracted; every item that was retracted is restored. */
	REJECTED;

	public boolean isTerminal() {
		return this != RUNNING;
	}

}
