package org.checkoutsaga.receipt;

/**
 * A checkout has no stored receipt.
 */
class ReceiptNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ReceiptNotFoundException(String checkoutId) {
		super("No receipt is stored for checkout '" + checkoutId + "'");
	}

}
