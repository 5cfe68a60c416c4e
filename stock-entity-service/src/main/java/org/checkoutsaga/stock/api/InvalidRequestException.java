package org.checkoutsaga.stock.api;

import java.util.List;

/**
 * A request failed validation; nothing of it was applied.
 */
class InvalidRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldProblem> problems;

	InvalidRequestException(List<FieldProblem> problems) {
		super("Invalid request: " + problems);
		this.problems = List.copyOf(problems);
	}

	List<FieldProblem> problems() {
		return this.problems;
	}

}
