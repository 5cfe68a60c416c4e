package org.checkoutsaga.orchestrator.api;

import java.net.URI;
import java.util.List;

import org.checkoutsaga.support.FieldViolation;
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
 * Every error as an RFC 9457 problem: invalid checkouts name each offending field under
 * {@code errors}, malformed JSON says where it broke. Spring MVC's own exceptions (wrong
 * method 405, wrong content type 415, unacceptable {@code Accept} 406, unknown path 404)
 * keep the problems of {@link ResponseEntityExceptionHandler}; a body over the size limit
 * is refused before it gets here (413, by {@code BodySizeLimitFilter}).
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail invalidRequest(InvalidRequestException ex) {
		return Problems.invalidRequest(ex.title(), ex.getMessage(), ex.violations());
	}

	@ExceptionHandler
	ProblemDetail notFound(CheckoutNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Checkout not found");
		return problem;
	}

	/**
	 * The type of the 409 problem answering a request id reused for another checkout. A
	 * {@code tag} URI (RFC 4151), like the receipt service's: for clients to compare.
	 */
	static final URI IDEMPOTENCY_KEY_REUSED = URI.create("tag:checkoutsaga.org,2026:problems/idempotency-key-reused");

	@ExceptionHandler
	ProblemDetail idempotencyConflict(IdempotencyConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(IDEMPOTENCY_KEY_REUSED);
		problem.setTitle("Idempotency key reused with a different body");
		problem.setProperty("checkoutId", ex.checkoutId());
		problem.setProperty("requestId", ex.requestId());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> submissionFailed(SubmissionFailedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Checkout not submitted");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	/**
	 * Anything else is a defect: logged, and answered as a 500 problem without details.
	 */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed unexpectedly");
		problem.setTitle("Internal error");
		return problem;
	}

	/**
	 * A body that is missing, not JSON, or not a checkout's JSON (an unknown field, a
	 * value of the wrong type): 400 naming the field, e.g.
	 * {@code items[0].quantitiy: is not a known field}.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		FieldViolation violation = JsonViolations.of(ex);
		ProblemDetail problem = Problems.invalidRequest("Malformed request body",
				"The request body cannot be read as a checkout (" + violation + "); nothing was published",
				List.of(violation));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

}
