package org.checkoutsaga.stock.entity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.checkoutsaga.stock.entity.LedgerEntry.Kind;

/**
 * The {@code stock.operations} counter, tagged with the operation's kind, its outcome
 * (the recorded reply type, or {@code Unavailable} when it could not be made durable) and
 * whether it repeated an operation id already recorded; and the
 * {@code stock.mailbox.wait} timer, how long each message waited in its item's mailbox
 * before a worker took it (long for hot items).
 */
final class StockMetrics {

	static final String OPERATIONS = "stock.operations";

	static final String UNAVAILABLE = "Unavailable";

	static final String MAILBOX_WAIT = "stock.mailbox.wait";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Timer mailboxWait;

	StockMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.mailboxWait = Timer.builder(MAILBOX_WAIT)
			.description("Time a message waits in its item's mailbox until a worker takes it into a turn")
			.register(registry);
	}

	/**
	 * A message was taken from its mailbox.
	 * @param queued {@link System#nanoTime()} when it was queued
	 * @param taken {@link System#nanoTime()} when a worker took it
	 */
	void waited(long queued, long taken) {
		this.mailboxWait.record(taken - queued, TimeUnit.NANOSECONDS);
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
