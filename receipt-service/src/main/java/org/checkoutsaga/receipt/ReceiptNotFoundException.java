package org.checkoutsaga.receipt;

/**
 * A checkout has no receipt to hand out: none was stored, or the checkout was cancelled.
 */
class ReceiptNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean cancelled;

	ReceiptNotFoundException(String checkoutId, boolean cancelled) {
		super(cancelled ? "Checkout '" + checkoutId + "' was cancelled; it has no receipt"
				: "No receipt is stored for checkout '" + checkoutId + "'");
		this.cancelled = cancelled;
	}

	boolean cancelled() {
		return this.cancelled;
	}

}
