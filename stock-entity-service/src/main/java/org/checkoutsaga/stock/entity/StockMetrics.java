package org.checkoutsaga.stock.entity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.checkoutsaga.stock.entity.LedgerEntry.Kind;

/**
 * The {@code stock.operations} counter, tagged with the operation's kind, its outcome
 * (the recorded reply type, or {@code Unavailable} when it could not be made durable) and
 * whether it repeated an operation id already recorded.
 */
final class StockMetrics {

	static final String OPERATIONS = "stock.operations";

	static final String UNAVAILABLE = "Unavailable";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	StockMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void recorded(LedgerEntry entry) {
		count(entry.kind(), entry.outcome().recordedName(), false);
	}

	void repeated(LedgerEntry entry) {
		count(entry.kind(), entry.outcome().recordedName(), true);
	}

	void unavailable(Kind kind) {
		count(kind, UNAVAILABLE, false);
	}

	private void count(Kind kind, String outcome, boolean repeat) {
		String key = kind + "/" + outcome + "/" + repeat;
		this.counters
			.computeIfAbsent(key,
					(k) -> Counter.builder(OPERATIONS)
						.description("Stock operations answered")
						.tag("kind", kind.name())
						.tag("outcome", outcome)
						.tag("repeat", Boolean.toString(repeat))
						.register(this.registry))
			.increment();
	}

}
