package org.checkoutsaga.stock.api;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.checkoutsaga.stock.entity.StockUnavailableException;
import org.checkoutsaga.support.FieldViolation;
import org.checkoutsaga.support.Problems;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem: 400 for malformed or invalid input
 * (naming the fields under {@code errors}), 404 for an unknown item, 503 for a retryable
 * failure to make an operation durable, 500 for the rest, never with a stack trace.
 */
@RestControllerAdvice
class StockProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(StockProblemAdvice.class);

	private static final int MAX_MESSAGE = 300;

	/** Stock's 400 problems keep the default title, the status' reason phrase. */
	private static final String BAD_REQUEST_TITLE = HttpStatus.BAD_REQUEST.getReasonPhrase();

	@ExceptionHandler
	ProblemDetail invalid(InvalidRequestException ex) {
		return Problems.invalidRequest(BAD_REQUEST_TITLE, "The request is invalid; nothing was applied", ex.problems());
	}

	@ExceptionHandler
	ProblemDetail notFound(ItemNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setProperty("itemId", ex.itemId());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(StockUnavailableException ex) {
		logger.debug("Stock operation not made durable", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; nothing was recorded, retry with the same operation ids");
		problem.setProperty("retryable", true);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = (ex.getCause() instanceof JacksonException jackson)
				? List.of(new FieldViolation(path(jackson), shorten(jackson.getOriginalMessage()))) : List.of();
		ProblemDetail problem = Problems.invalidRequest(BAD_REQUEST_TITLE,
				"Malformed JSON request body; nothing was applied", violations);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * The JSON path of the failure in the style of the validation errors:
	 * {@code [3].quantity}.
	 */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String shorten(String message) {
		if (message == null) {
			return "unreadable";
		}
		return (message.length() <= MAX_MESSAGE) ? message : message.substring(0, MAX_MESSAGE) + "...";
	}

}
