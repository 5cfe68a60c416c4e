package org.checkoutsaga.orchestrator.history;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the history, for every instance together: unfinished sagas by status
 * ({@code checkout.sagas.unfinished}), stuck ones ({@code checkout.sagas.stuck}:
 * unfinished for longer than {@code checkout.stuck-after}) and the age of the oldest
 * ({@code checkout.sagas.oldest.age}). The queries use the unfinished index and run at
 * most once per {@link #REFRESH}, however often they are scraped.
 */
@Component
class HistoryMetrics {

	private static final Log logger = LogFactory.getLog(HistoryMetrics.class);

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final SagaRecords records;

	private final Clock clock;

	private final Duration stuckAfter;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), 0, 0, Long.MIN_VALUE);

	HistoryMetrics(SagaRecords records, Clock clock, CheckoutProperties properties, MeterRegistry meters) {
		this.records = records;
		this.clock = clock;
		this.stuckAfter = properties.stuckAfter();
		for (CheckoutStatus status : new CheckoutStatus[] { CheckoutStatus.RUNNING,
				CheckoutStatus.COMPENSATION_FAILED }) {
			Gauge.builder("checkout.sagas.unfinished", this, (self) -> self.current().unfinished(status))
				.description("Unfinished checkouts of all instances, by status")
				.tag("status", status.name())
				.register(meters);
		}
		Gauge.builder("checkout.sagas.stuck", this, (self) -> self.current().stuck())
			.description("Unfinished checkouts older than checkout.stuck-after")
			.register(meters);
		Gauge.builder("checkout.sagas.oldest.age", this, (self) -> self.current().oldestAgeSeconds())
			.description("Age of the oldest unfinished checkout")
			.baseUnit("seconds")
			.register(meters);
	}

	private Snapshot current() {
		long now = this.clock.millis();
		Snapshot last = this.snapshot;
		if (now - last.takenAt() < REFRESH.toMillis()) {
			return last;
		}
		try {
			Map<String, Long> unfinished = new HashMap<>();
			for (Object[] row : this.records.countUnfinishedByStatus()) {
				unfinished.put((String) row[0], ((Number) row[1]).longValue());
			}
			long stuck = this.records.countByFinishedAtIsNullAndStartedAtLessThan(now - this.stuckAfter.toMillis());
			Long oldest = this.records.oldestUnfinishedStart();
			Snapshot fresh = new Snapshot(unfinished, stuck, (oldest != null) ? (now - oldest) / 1000.0 : 0, now);
			this.snapshot = fresh;
			return fresh;
		}
		catch (RuntimeException ex) {
			logger.debug("Saga gauges not refreshed", ex);
			return last;
		}
	}

	private record Snapshot(Map<String, Long> byStatus, long stuck, double oldestAgeSeconds, long takenAt) {

		double unfinished(CheckoutStatus status) {
			return this.byStatus.getOrDefault(status.name(), 0L);
		}

	}

}
