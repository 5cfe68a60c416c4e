package org.checkoutsaga.receipt;

/**
 * A receipt could not be stored or cancelled for an infrastructure reason; the request
 * may be retried.
 */
class ReceiptsUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private ReceiptsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	static ReceiptsUnavailableException notStored(String checkoutId, Throwable cause) {
		return new ReceiptsUnavailableException("The receipt of checkout '" + checkoutId + "' could not be stored",
				cause);
	}

	static ReceiptsUnavailableException notCancelled(String checkoutId, Throwable cause) {
		return new ReceiptsUnavailableException("The receipt of checkout '" + checkoutId + "' could not be cancelled",
				cause);
	}

}
