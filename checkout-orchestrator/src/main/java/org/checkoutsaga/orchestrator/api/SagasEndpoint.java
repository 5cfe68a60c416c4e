package org.checkoutsaga.orchestrator.api;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.orchestrator.engine.SagaEngine;
import org.checkoutsaga.orchestrator.history.HistoryRetention;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.checkoutsaga.orchestrator.saga.SagaAction;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * The operators' repair verbs, like Durable Functions' HTTP management API, at
 * {@code /actuator/sagas}:
 * <ul>
 * <li>{@code GET} counts by status, the in-flight and stuck ones, and the age of the
 * oldest; with {@code ?status=} or {@code ?stuck=true} it also lists them a page at a
 * time ({@code after}, {@code limit});</li>
 * <li>{@code GET /{checkoutId}}: one checkout with its whole history;</li>
 * <li>{@code POST /{checkoutId}} with {@code {"action": "retry" | "terminate", "reason":
 * "..."}}: retry its waiting calls now (a failed compensation gets a new deadline), or
 * compensate everything and end it REJECTED with reason TERMINATED. Both are recorded in
 * its history and safe to repeat;</li>
 * <li>{@code DELETE ?olderThan=30d}: purge the histories of checkouts that finished (and
 * whose outcome was published) before then.</li>
 * </ul>
 */
@Component
@WebEndpoint(id = "sagas")
class SagasEndpoint {

	private static final int DEFAULT_PAGE = 100;

	private final CheckoutQueries queries;

	private final SagaEngine<CheckoutState, SagaEvent, SagaAction> engine;

	private final CheckoutSaga saga;

	private final HistoryRetention retention;

	private final Clock clock;

	private final Duration stuckAfter;

	private final int purgeBatch;

	SagasEndpoint(CheckoutQueries queries, SagaEngine<CheckoutState, SagaEvent, SagaAction> engine, CheckoutSaga saga,
			HistoryRetention retention, Clock clock, CheckoutProperties properties) {
		this.queries = queries;
		this.engine = engine;
		this.saga = saga;
		this.retention = retention;
		this.clock = clock;
		this.stuckAfter = properties.stuckAfter();
		this.purgeBatch = properties.retention().batchSize();
	}

	@ReadOperation
	WebEndpointResponse<Object> overview(@Nullable String status, @Nullable Boolean stuck, @Nullable String after,
			@Nullable String limit) {
		long now = this.clock.millis();
		PageQuery page;
		try {
			page = PageQuery.parse(after, limit, status, DEFAULT_PAGE);
		}
		catch (InvalidRequestException ex) {
			return problem(400, ex.title(), ex.getMessage());
		}
		long stuckBefore = now - this.stuckAfter.toMillis();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("counts", this.queries.countByStatus());
		body.put("runningHere", this.engine.runningCount());
		body.put("oldestUnfinishedAgeMs",
				this.queries.oldestUnfinishedStart().map((start) -> now - start).orElse(null));
		body.put("stuckAfter", this.stuckAfter.toString());
		if (Boolean.TRUE.equals(stuck)) {
			body.put("stuck", this.queries.listUnfinished(stuckBefore, page.after(), page.limit()));
		}
		else if (page.status() != null) {
			body.put("sagas", this.queries.list(page.after(), page.limit(), page.status()));
		}
		return new WebEndpointResponse<>(body, 200);
	}

	@ReadOperation
	WebEndpointResponse<Object> checkout(@Selector String checkoutId) {
		return this.queries.find(checkoutId)
			.map((view) -> new WebEndpointResponse<Object>(view, 200))
			.orElseGet(() -> problem(404, "Checkout not found", "No checkout " + checkoutId));
	}

	@WriteOperation
	WebEndpointResponse<Object> act(@Selector String checkoutId, String action, @Nullable String reason) {
		String why = (reason != null && !reason.isBlank()) ? reason : "operator " + action;
		SagaEngine.Signal result;
		if ("retry".equals(action)) {
			result = this.engine.retryNow(checkoutId, why);
		}
		else if ("terminate".equals(action)) {
			result = this.engine.signal(checkoutId, (state, now) -> this.saga.terminationRequested(now, why));
		}
		else {
			return problem(400, "Unknown action", "action must be retry or terminate, was " + action);
		}
		return switch (result) {
			case ACCEPTED -> new WebEndpointResponse<>(Map.of("checkoutId", checkoutId, "action", action), 202);
			case UNKNOWN -> problem(404, "Checkout not found", "No checkout " + checkoutId);
			case FINISHED ->
				problem(409, "Checkout has ended", "Checkout " + checkoutId + " has ended; nothing to " + action);
			case NOT_OWNED -> problem(409, "Checkout driven elsewhere", "Checkout " + checkoutId
					+ " is driven by the orchestrator instance that owns its partition; ask that one");
		};
	}

	@DeleteOperation
	WebEndpointResponse<Object> purge(String olderThan) {
		Duration retain;
		try {
			retain = DurationStyle.detectAndParse(olderThan);
		}
		catch (IllegalArgumentException ex) {
			return problem(400, "Invalid query", "olderThan must be a duration such as 30d, was " + olderThan);
		}
		if (retain.isNegative()) {
			return problem(400, "Invalid query", "olderThan must not be negative");
		}
		int purged = this.retention.purgeFinishedOlderThan(retain, this.purgeBatch);
		return new WebEndpointResponse<>(Map.of("purged", purged, "olderThan", retain.toString()), 200);
	}

	private static WebEndpointResponse<Object> problem(int status, String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		return new WebEndpointResponse<>(problem, status);
	}

}
