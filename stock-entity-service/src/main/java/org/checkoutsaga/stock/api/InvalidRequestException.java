package org.checkoutsaga.stock.api;

import java.util.List;

import org.checkoutsaga.support.FieldViolation;

/**
 * A request failed validation; nothing of it was applied.
 */
class InvalidRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldViolation> problems;

	InvalidRequestException(List<FieldViolation> problems) {
		super("Invalid request: " + problems);
		this.problems = List.copyOf(problems);
	}

	List<FieldViolation> problems() {
		return this.problems;
	}

}
