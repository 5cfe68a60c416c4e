package org.checkoutsaga.orchestrator.api;

import java.util.ArrayList;
import java.util.List;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.support.FieldViolation;

/**
 * A request for a page of checkouts, as {@code GET /checkouts} and
 * {@code GET /actuator/sagas} take it: the last id of the previous page, how many, and
 * optionally which status.
 *
 * @param after the last id of the previous page, empty for the first
 * @param limit the most checkouts on the page, 1 to {@link #MAX_LIMIT}
 * @param status only checkouts with this status, or null for all
 */
record PageQuery(String after, int limit, CheckoutStatus status) {

	static final int MAX_LIMIT = 1000;

	/**
	 * Reads a page request from its parameters.
	 * @param after {@code after}, or null
	 * @param limit {@code limit}, or null for the default
	 * @param status {@code status}, or null
	 * @param defaultLimit the limit when none is given
	 * @return the page request
	 * @throws InvalidRequestException naming every parameter that breaks its rule
	 */
	static PageQuery parse(String after, String limit, String status, int defaultLimit) {
		List<FieldViolation> violations = new ArrayList<>();
		int size = parseLimit(limit, defaultLimit, violations);
		CheckoutStatus wanted = parseStatus(status, violations);
		if (!violations.isEmpty()) {
			throw InvalidRequestException.query(violations);
		}
		return new PageQuery((after != null) ? after : "", size, wanted);
	}

	private static int parseLimit(String limit, int defaultLimit, List<FieldViolation> violations) {
		if (limit == null) {
			return defaultLimit;
		}
		try {
			int parsed = Integer.parseInt(limit);
			if (parsed >= 1 && parsed <= MAX_LIMIT) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		violations.add(new FieldViolation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
		return defaultLimit;
	}

	private static CheckoutStatus parseStatus(String status, List<FieldViolation> violations) {
		if (status == null) {
			return null;
		}
		for (CheckoutStatus candidate : CheckoutStatus.values()) {
			if (candidate.name().equals(status)) {
				return candidate;
			}
		}
		violations.add(new FieldViolation("status", "must be one of " + List.of(CheckoutStatus.values())));
		return null;
	}

}
