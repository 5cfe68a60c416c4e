package org.checkoutsaga.orchestrator.api;

import java.util.List;

import org.checkoutsaga.orchestrator.ingress.Violation;

/** A submitted checkout breaks the rules; nothing was stored or published. */
class InvalidCheckoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> violations;

	InvalidCheckoutException(List<Violation> violations) {
		super(violations.toString());
		this.violations = List.copyOf(violations);
	}

	List<Violation> violations() {
		return this.violations;
	}

}
