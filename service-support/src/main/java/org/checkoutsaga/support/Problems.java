package org.checkoutsaga.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problems the services answer alike, so that a client reads an invalid
 * request the same way from each of them.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * A 400 problem naming each offending field under {@code errors}, as a list of
	 * {@code {"field": ..., "message": ...}} objects.
	 * @param title the service's title, e.g. {@code Invalid checkout}
	 * @param detail what happened, e.g. that nothing was stored
	 * @param violations the offending fields; when there are none, {@code errors} is left
	 * out
	 * @return the problem
	 */
	public static ProblemDetail invalidRequest(String title, String detail, List<FieldViolation> violations) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle(title);
		if (!violations.isEmpty()) {
			problem.setProperty("errors", violations.stream().map(Problems::error).toList());
		}
		return problem;
	}

	private static Map<String, String> error(FieldViolation violation) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", violation.field());
		error.put("message", violation.message());
		return error;
	}

}
