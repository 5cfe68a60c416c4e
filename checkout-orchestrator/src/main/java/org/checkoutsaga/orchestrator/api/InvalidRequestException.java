package org.checkoutsaga.orchestrator.api;

import java.util.List;

import org.checkoutsaga.support.FieldViolation;

/** A request breaks the rules; nothing was stored or published. */
class InvalidRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String title;

	private final transient List<FieldViolation> violations;

	/**
	 * A request that breaks the rules.
	 * @param title the problem's title, e.g. "Invalid checkout"
	 * @param violations every field that breaks a rule
	 */
	InvalidRequestException(String title, List<FieldViolation> violations) {
		super(violations.toString());
		this.title = title;
		this.violations = List.copyOf(violations);
	}

	static InvalidRequestException checkout(List<FieldViolation> violations) {
		return new InvalidRequestException("Invalid checkout", violations);
	}

	static InvalidRequestException query(List<FieldViolation> violations) {
		return new InvalidRequestException("Invalid query", violations);
	}

	String title() {
		return this.title;
	}

	List<FieldViolation> violations() {
		return this.violations;
	}

}
