package org.checkoutsaga.receipt;

/**
 * A receipt could not be stored for an infrastructure reason; the request may be retried.
 */
class ReceiptsUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ReceiptsUnavailableException(String checkoutId, Throwable cause) {
		super("The receipt of checkout '" + checkoutId + "' could not be stored", cause);
	}

}
