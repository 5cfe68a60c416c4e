package org.checkoutsaga.receipt;

import java.util.List;

import org.checkoutsaga.support.FieldViolation;

/**
 * A request breaks one or more rules; nothing was stored or changed.
 */
class InvalidReceiptRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String detail;

	private final List<FieldViolation> violations;

	/**
	 * An invalid {@code PUT} of a receipt.
	 * @param violations the rules broken
	 */
	InvalidReceiptRequestException(List<FieldViolation> violations) {
		this("The receipt request has invalid fields; nothing was stored", violations);
	}

	/**
	 * An invalid request of another kind.
	 * @param detail what the problem's detail says, e.g. that nothing was cancelled
	 * @param violations the rules broken
	 */
	InvalidReceiptRequestException(String detail, List<FieldViolation> violations) {
		super("Invalid receipt request: " + violations);
		this.detail = detail;
		this.violations = List.copyOf(violations);
	}

	String detail() {
		return this.detail;
	}

	List<FieldViolation> violations() {
		return this.violations;
	}

}
