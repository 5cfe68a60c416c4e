package org.checkoutsaga.events;

/**
 * Why a checkout was rejected: a business answer from the stock service, never an
 * infrastructure failure (those are retried).
 */
public enum RejectionReason {

	/** An item had fewer units in stock than asked for. */
	OUT_OF_STOCK,

	/** An item was never stocked. */
	UNKNOWN_ITEM,

	/** The stock service had already compensated the retraction before it arrived. */
	RETRACT_CANCELLED

}
