package org.checkoutsaga.orchestrator.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutMessage;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.orchestrator.ingress.CheckoutIds;
import org.checkoutsaga.orchestrator.ingress.CheckoutSubmissions;
import org.checkoutsaga.orchestrator.ingress.CheckoutValidator;
import org.checkoutsaga.orchestrator.outcome.OutcomeWaiters;
import org.checkoutsaga.support.FieldViolation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checkouts over REST. A submission is validated, then published to
 * {@code checkout-events} like any Kafka producer's; the answer is 202 with the status
 * URL, or, with {@code ?wait=5s}, the outcome if it comes in time. A repeated request id
 * or {@code Idempotency-Key} returns the existing checkout instead of starting another.
 */
@RestController
@RequestMapping("/checkouts")
class CheckoutController {

	private final CheckoutValidator validator;

	private final CheckoutSubmissions submissions;

	private final CheckoutQueries queries;

	private final OutcomeWaiters waiters;

	private final Clock clock;

	private final Duration maxWait;

	CheckoutController(CheckoutValidator validator, CheckoutSubmissions submissions, CheckoutQueries queries,
			OutcomeWaiters waiters, Clock clock, CheckoutProperties properties) {
		this.validator = validator;
		this.submissions = submissions;
		this.queries = queries;
		this.waiters = waiters;
		this.clock = clock;
		this.maxWait = properties.maxWait();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ResponseEntity<Object>> submit(@RequestBody CheckoutRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestParam(name = "wait", required = false) String waitParameter, UriComponentsBuilder uris) {
		CheckoutEvent event = new CheckoutEvent(requestId(request, idempotencyKey), request.experimentId(),
				this.clock.millis(), new CheckoutMessage(request.userId(), request.items()));
		List<FieldViolation> violations = new ArrayList<>(this.validator.validate(event));
		Duration wait = parseWait(waitParameter, violations);
		if (!violations.isEmpty()) {
			throw new InvalidCheckoutException(violations);
		}
		String checkoutId = CheckoutIds.forRequest(event.requestId());
		URI location = uris.path("/checkouts/{id}").buildAndExpand(checkoutId).toUri();
		if (this.queries.exists(checkoutId)) {
			return CompletableFuture.completedFuture(current(checkoutId, location));
		}
		CompletableFuture<?> outcome = (wait != null) ? this.waiters.await(checkoutId, wait)
				: CompletableFuture.completedFuture(null);
		return this.submissions.submit(checkoutId, event).exceptionally((failure) -> {
			throw new SubmissionFailedException(failure);
		})
			.thenCompose((submitted) -> outcome)
			.thenApply((done) -> (wait != null) ? current(checkoutId, location)
					: ResponseEntity.accepted().location(location).body(new Submitted(checkoutId, event.requestId())));
	}

	@GetMapping("/{checkoutId}")
	ResponseEntity<CheckoutView> get(@PathVariable String checkoutId) {
		return this.queries.find(checkoutId)
			.map(ResponseEntity::ok)
			.orElseThrow(() -> new CheckoutNotFoundException(checkoutId));
	}

	/** 200 with the checkout once it has ended, else 202 with what is known so far. */
	private ResponseEntity<Object> current(String checkoutId, URI location) {
		return this.queries.find(checkoutId)
			.<ResponseEntity<Object>>map(
					(view) -> (view.status().isTerminal() ? ResponseEntity.ok() : ResponseEntity.accepted())
						.location(location)
						.body(view))
			.orElseGet(() -> ResponseEntity.accepted().location(location).body(new Submitted(checkoutId, null)));
	}

	/**
	 * {@code 5s}, {@code 500ms} or ISO-8601 ({@code PT5S}), at most the configured
	 * maximum.
	 */
	private Duration parseWait(String wait, List<FieldViolation> violations) {
		if (wait == null) {
			return null;
		}
		Duration parsed;
		try {
			parsed = DurationStyle.detectAndParse(wait);
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation("wait", "must be a duration such as 5s or 500ms, was '" + wait + "'"));
			return null;
		}
		if (parsed.isNegative() || parsed.compareTo(this.maxWait) > 0) {
			violations.add(new FieldViolation("wait", "must be between 0s and " + this.maxWait.toSeconds() + "s"));
		}
		return parsed;
	}

	private static String requestId(CheckoutRequest request, String idempotencyKey) {
		if (idempotencyKey != null && request.requestId() != null
				&& !Objects.equals(idempotencyKey, request.requestId())) {
			throw new InvalidCheckoutException(
					List.of(new FieldViolation("requestId", "differs from the Idempotency-Key header")));
		}
		if (idempotencyKey != null) {
			return idempotencyKey;
		}
		return (request.requestId() != null) ? request.requestId() : UUID.randomUUID().toString();
	}

	/**
	 * The answer to a submission that has not started yet.
	 *
	 * @param checkoutId where to find it: {@code GET /checkouts/{checkoutId}}
	 * @param requestId the request id it was submitted with
	 */
	record Submitted(String checkoutId, String requestId) {

		public String getStatus() {
			return "SUBMITTED";
		}

	}

}
