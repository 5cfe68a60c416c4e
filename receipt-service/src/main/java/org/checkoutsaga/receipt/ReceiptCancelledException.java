package org.checkoutsaga.receipt;

/**
 * A receipt was asked for a checkout that was cancelled; nothing was stored.
 */
class ReceiptCancelledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String checkoutId;

	ReceiptCancelledException(String checkoutId) {
		super("Checkout '" + checkoutId + "' was cancelled; no receipt is stored for it");
		this.checkoutId = checkoutId;
	}

	String checkoutId() {
		return this.checkoutId;
	}

}
