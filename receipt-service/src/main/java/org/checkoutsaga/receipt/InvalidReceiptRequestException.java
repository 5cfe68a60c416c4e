package org.checkoutsaga.receipt;

import java.util.List;

import org.checkoutsaga.support.FieldViolation;

/**
 * A receipt request breaks one or more rules; nothing was stored.
 */
class InvalidReceiptRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<FieldViolation> violations;

	InvalidReceiptRequestException(List<FieldViolation> violations) {
		super("Invalid receipt request: " + violations);
		this.violations = List.copyOf(violations);
	}

	List<FieldViolation> violations() {
		return this.violations;
	}

}
