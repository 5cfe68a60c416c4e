package org.checkoutsaga.events;

/**
 * Why a checkout was rejected: a business answer from the stock service, or the saga's
 * deadline. Infrastructure failures are retried, not rejected, until the deadline.
 */
public enum RejectionReason {

	/** An item had fewer units in stock than asked for. */
	OUT_OF_STOCK,

	/** An item was never stocked. */
	UNKNOWN_ITEM,

	/** The stock service had already compensated the retraction before it arrived. */
	RETRACT_CANCELLED,

	/** A step kept failing until the saga's deadline passed. */
	TIMEOUT,

	/** An operator terminated the checkout. */
	TERMINATED

}
