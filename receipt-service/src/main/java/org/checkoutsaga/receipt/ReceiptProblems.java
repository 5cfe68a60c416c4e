package org.checkoutsaga.receipt;

import java.net.URI;
import java.util.List;

import org.checkoutsaga.support.JsonViolations;
import org.checkoutsaga.support.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Answers every failure with an RFC 9457 problem. Spring MVC's own exceptions (unknown
 * path, wrong method 405, wrong content type 415, unacceptable {@code Accept} 406, ...)
 * keep the answers of {@link ResponseEntityExceptionHandler}; a body over
 * {@code receipt.max-body-size} is refused before it gets here (413, by
 * {@code BodySizeLimitFilter}).
 */
@RestControllerAdvice
class ReceiptProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ReceiptProblems.class);

	/**
	 * The type of the 409 problem answering a store for a cancelled checkout. A
	 * {@code tag} URI (RFC 4151): an identifier for clients to compare, not a page to
	 * fetch.
	 */
	static final URI RECEIPT_CANCELLED = URI.create("tag:checkoutsaga.org,2026:problems/receipt-cancelled");

	/** How long a client should wait before retrying a store that failed. */
	private static final String RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler
	ProblemDetail invalidRequest(InvalidReceiptRequestException ex) {
		return Problems.invalidRequest("Invalid receipt request", ex.detail(), ex.violations());
	}

	/**
	 * A 404 whether the checkout never had a receipt or had it cancelled; the latter is
	 * told by {@code "cancelled": true}.
	 */
	@ExceptionHandler
	ProblemDetail notFound(ReceiptNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Receipt not found");
		if (ex.cancelled()) {
			problem.setProperty("cancelled", true);
		}
		return problem;
	}

	@ExceptionHandler
	ProblemDetail cancelled(ReceiptCancelledException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(RECEIPT_CANCELLED);
		problem.setTitle("Receipt cancelled");
		problem.setProperty("checkoutId", ex.checkoutId());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(ReceiptsUnavailableException ex) {
		log.warn(ex.getMessage(), ex.getCause());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + "; the request may be retried");
		problem.setTitle("Receipts unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed unexpectedly");
		problem.setTitle("Internal error");
		return problem;
	}

	/**
	 * A body that is missing, not JSON, or not a receipt's JSON (an unknown field, a
	 * value of the wrong type): 400 naming the field, e.g.
	 * {@code items[0].quantity: must be a whole number}.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.invalidRequest("Malformed request",
				"Malformed JSON request body; nothing was stored", List.of(JsonViolations.of(ex)));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

}
