package org.checkoutsaga.support;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problems the services answer alike, so that a client reads an invalid
 * request the same way from each of them.
 */
public final class Problems {

	private static final JsonMapper json = JsonMapper.builder().build();

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

	/**
	 * Writes a problem as the response, for refusals made by a filter, before any
	 * controller (and its advice) is reached.
	 * @param response the response, not yet committed
	 * @param problem the problem; its properties are written beside the standard members
	 * @throws IOException if the response cannot be written
	 */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(body));
	}

	private static Map<String, String> error(FieldViolation violation) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", violation.field());
		error.put("message", violation.message());
		return error;
	}

}
