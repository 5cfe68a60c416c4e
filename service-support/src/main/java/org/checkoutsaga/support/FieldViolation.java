package org.checkoutsaga.support;

/**
 * One field of a request that breaks a rule, as listed under {@code errors} in a
 * {@link Problems#invalidRequest 400 problem}.
 *
 * @param field the offending field, e.g. {@code items[1].quantity}
 * @param message what is wrong with it, e.g. {@code must not be blank}
 */
public record FieldViolation(String field, String message) {

	@Override
	public String toString() {
		return this.field + ": " + this.message;
	}

}
