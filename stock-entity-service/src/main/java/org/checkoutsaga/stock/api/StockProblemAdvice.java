package org.checkoutsaga.stock.api;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.checkoutsaga.stock.entity.OperationIdReusedException;
import org.checkoutsaga.stock.entity.StockUnavailableException;
import org.checkoutsaga.support.JsonViolations;
import org.checkoutsaga.support.Problems;

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
 * Spring MVC's own exceptions (405 wrong method, 415 wrong content type, 406 unacceptable
 * {@code Accept}) keep the problems of {@link ResponseEntityExceptionHandler}; a body
 * over {@code stock.max-body-size} is refused before it gets here (413, by
 * {@code BodySizeLimitFilter}).
 */
@RestControllerAdvice
class StockProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(StockProblemAdvice.class);

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
	ProblemDetail operationIdReused(OperationIdReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				ex.getMessage() + "; nothing of the request was applied");
		problem.setTitle("Operation id used for another item");
		problem.setProperty("operationId", ex.operationId());
		problem.setProperty("itemId", ex.itemId());
		problem.setProperty("recordedItemId", ex.recordedItemId());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
	}

	/**
	 * A body that is missing, not JSON, or not of the expected shape (an unknown field, a
	 * value of the wrong type, an unknown command type): 400 naming the field, e.g.
	 * {@code [3].quantity: must be a whole number}.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.invalidRequest(BAD_REQUEST_TITLE,
				"Malformed JSON request body; nothing was applied", List.of(JsonViolations.of(ex)));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

}
