package org.checkoutsaga.support;

import java.util.List;

/**
 * Rules shared by the requests of every service, each adding a {@link FieldViolation}
 * with the same message wherever it applies.
 */
public final class FieldRules {

	private FieldRules() {
	}

	/**
	 * Checks an id: not {@code null} or blank, at most {@code maxLength} characters, no
	 * control characters. Adds at most one violation, for the first rule broken.
	 * @param into where to add the violation
	 * @param field the name of the field, e.g. {@code items[0].itemId}
	 * @param value the id
	 * @param maxLength the most characters the id may have
	 * @return whether the id is valid
	 */
	public static boolean checkId(List<FieldViolation> into, String field, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			into.add(new FieldViolation(field, "must not be blank"));
			return false;
		}
		if (value.length() > maxLength) {
			into.add(new FieldViolation(field, "must be at most " + maxLength + " characters"));
			return false;
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			into.add(new FieldViolation(field, "must not contain control characters"));
			return false;
		}
		return true;
	}

}
