package org.checkoutsaga.orchestrator.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutMessage;
import org.checkoutsaga.events.CheckoutOutcome;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.orchestrator.engine.Waiters;
import org.checkoutsaga.orchestrator.ingress.CheckoutContent;
import org.checkoutsaga.orchestrator.ingress.CheckoutIds;
import org.checkoutsaga.orchestrator.ingress.CheckoutSubmissions;
import org.checkoutsaga.orchestrator.ingress.CheckoutValidator;
import org.checkoutsaga.support.FieldViolation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.beans.factory.annotation.Qualifier;
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
 * {@code checkout-events} like any Kafka producer's. The answer waits (up to 2 s) for the
 * saga's start to be durable, so the status URL works at once: 202 with the checkout as
 * it stands. With {@code ?wait=5s} it waits for the outcome instead: 200 if it comes in
 * time. A repeated request id or {@code Idempotency-Key} returns the existing checkout
 * instead of starting another, if the user and items are the same (in any order); with
 * others it is a 409 problem, "Idempotency key reused with a different body".
 */
@RestController
@RequestMapping("/checkouts")
class CheckoutController {

	private final CheckoutValidator validator;

	private final CheckoutSubmissions submissions;

	private final CheckoutQueries queries;

	/**
	 * How long a submission waits for its saga's start to be durable before answering.
	 */
	private static final Duration START_WAIT = Duration.ofSeconds(2);

	private static final int DEFAULT_PAGE = 500;

	private final Waiters<CheckoutStarted> startWaiters;

	private final Waiters<CheckoutOutcome> outcomeWaiters;

	private final Clock clock;

	private final Duration maxWait;

	private final Executor answers;

	CheckoutController(CheckoutValidator validator, CheckoutSubmissions submissions, CheckoutQueries queries,
			Waiters<CheckoutStarted> startWaiters, Waiters<CheckoutOutcome> outcomeWaiters, Clock clock,
			CheckoutProperties properties, @Qualifier("checkoutAnswers") Executor answers) {
		this.answers = answers;
		this.validator = validator;
		this.submissions = submissions;
		this.queries = queries;
		this.startWaiters = startWaiters;
		this.outcomeWaiters = outcomeWaiters;
		this.clock = clock;
		this.maxWait = properties.maxWait();
	}

	// produces: a client that cannot read JSON gets 406 before anything is submitted,
	// not after
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ResponseEntity<Object>> submit(@RequestBody CheckoutRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestParam(name = "wait", required = false) String waitParameter, UriComponentsBuilder uris) {
		String requestId = requestId(request, idempotencyKey);
		// validated before it becomes an event: a null line would not even make a message
		List<FieldViolation> violations = new ArrayList<>(
				this.validator.validate(requestId, request.experimentId(), request.userId(), request.items()));
		Duration wait = parseWait(waitParameter, violations);
		if (!violations.isEmpty()) {
			throw InvalidRequestException.checkout(violations);
		}
		CheckoutEvent event = new CheckoutEvent(requestId, request.experimentId(), this.clock.millis(),
				new CheckoutMessage(request.userId(), request.items()));
		String checkoutId = CheckoutIds.forRequest(event.requestId());
		URI location = uris.path("/checkouts/{id}").buildAndExpand(checkoutId).toUri();
		CheckoutContent content = CheckoutContent.of(request.userId(), request.items());
		if (this.queries.exists(checkoutId)) {
			return CompletableFuture.completedFuture(current(checkoutId, event.requestId(), content, location));
		}
		// registered before publishing: the saga may start, or even end, before the send
		// returns
		CompletableFuture<?> reached = (wait != null) ? this.outcomeWaiters.await(checkoutId, wait)
				: this.startWaiters.await(checkoutId, START_WAIT);
		CompletableFuture<Void> submitted = this.submissions.submit(checkoutId, event).exceptionally((failure) -> {
			throw new SubmissionFailedException(failure);
		});
		if (wait != null) {
			return submitted.thenCompose((done) -> reached)
				.thenApplyAsync((done) -> current(checkoutId, event.requestId(), content, location), this.answers);
		}
		// without ?wait= always 202, whatever state the body shows
		// read off the thread that completed the wait (the Kafka listener or producer)
		return submitted.thenCompose((done) -> reached)
			.thenApplyAsync((done) -> ResponseEntity.accepted()
				.location(location)
				.body(body(checkoutId, event.requestId(), content)), this.answers);
	}

	/**
	 * Lists checkouts in id order, a page at a time: {@code ?after=} the previous page's
	 * {@code next}, {@code ?limit=} 1 to 1000 (500), {@code ?status=} to filter.
	 */
	@GetMapping
	CheckoutPage list(@RequestParam(name = "after", defaultValue = "") String after,
			@RequestParam(name = "limit", required = false) String limit,
			@RequestParam(name = "status", required = false) String status) {
		PageQuery page = PageQuery.parse(after, limit, status, DEFAULT_PAGE);
		return this.queries.list(page.after(), page.limit(), page.status());
	}

	@GetMapping("/{checkoutId}")
	ResponseEntity<CheckoutView> get(@PathVariable String checkoutId) {
		return this.queries.find(checkoutId)
			.map(ResponseEntity::ok)
			.orElseThrow(() -> new CheckoutNotFoundException(checkoutId));
	}

	/** 200 with the checkout once it has ended, else 202 with what is known so far. */
	private ResponseEntity<Object> current(String checkoutId, String requestId, CheckoutContent content, URI location) {
		Object body = body(checkoutId, requestId, content);
		boolean ended = body instanceof CheckoutView view && view.status().isTerminal();
		return (ended ? ResponseEntity.ok() : ResponseEntity.accepted()).location(location).body(body);
	}

	/**
	 * The checkout as stored, or the bare submission if its start was not seen yet. A
	 * stored checkout with other content than this submission's was submitted by someone
	 * else under the same request id: a conflict, also when the two raced and the other
	 * was stored first (this submission's record is then dead-lettered).
	 */
	private Object body(String checkoutId, String requestId, CheckoutContent content) {
		Optional<CheckoutView> view = this.queries.find(checkoutId);
		if (view.isEmpty()) {
			return new Submitted(checkoutId, requestId);
		}
		CheckoutContent stored = CheckoutContent.of(view.get().userId(),
				view.get().items().stream().map((item) -> new CheckoutItem(item.itemId(), item.quantity())).toList());
		if (!stored.equals(content)) {
			throw new IdempotencyConflictException(checkoutId, requestId);
		}
		return view.get();
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
			throw InvalidRequestException
				.checkout(List.of(new FieldViolation("requestId", "differs from the Idempotency-Key header")));
		}
		if (idempotencyKey != null) {
			return idempotencyKey;
		}
		return (request.requestId() != null) ? request.requestId() : UUID.randomUUID().toString();
	}

	/**
	 * The answer to a submission whose start was not seen in time (another instance owns
	 * its partition, say); {@code GET /checkouts/{checkoutId}} shows it once started.
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
