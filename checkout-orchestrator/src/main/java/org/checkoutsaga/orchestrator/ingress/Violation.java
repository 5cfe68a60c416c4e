package org.checkoutsaga.orchestrator.ingress;

/**
 * One reason a checkout is invalid.
 *
 * @param field the offending field, e.g. {@code items[1].quantity}
 * @param message what is wrong with it
 */
public record Violation(String field, String message) {

	@Override
	public String toString() {
		return this.field + ": " + this.message;
	}

}
