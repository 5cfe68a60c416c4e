package org.checkoutsaga.orchestrator.api;

import java.util.List;

import org.checkoutsaga.support.FieldViolation;

/** A submitted checkout breaks the rules; nothing was stored or published. */
class InvalidCheckoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldViolation> violations;

	InvalidCheckoutException(List<FieldViolation> violations) {
		super(violations.toString());
		this.violations = List.copyOf(violations);
	}

	List<FieldViolation> violations() {
		return this.violations;
	}

}
