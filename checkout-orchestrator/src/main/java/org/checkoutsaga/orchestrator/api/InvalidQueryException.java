package org.checkoutsaga.orchestrator.api;

import java.util.List;

import org.checkoutsaga.support.FieldViolation;

/** A query's parameters break the rules. */
class InvalidQueryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldViolation> violations;

	InvalidQueryException(List<FieldViolation> violations) {
		super(violations.toString());
		this.violations = List.copyOf(violations);
	}

	List<FieldViolation> violations() {
		return this.violations;
	}

}
