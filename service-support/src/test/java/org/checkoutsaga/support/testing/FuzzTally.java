package org.checkoutsaga.support.testing;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What a fuzz run tried and found, printed as one line so that a long run's numbers can
 * be quoted: cases by kind, answers by status class, server errors and state changes for
 * rejected input (both must be 0).
 */
public final class FuzzTally {

	private final String name;

	private final Map<String, AtomicLong> kinds = new TreeMap<>();

	private final Map<String, AtomicLong> outcomes = new TreeMap<>();

	private final AtomicLong serverErrors = new AtomicLong();

	private final AtomicLong stateChanges = new AtomicLong();

	private final long startedAt = System.nanoTime();

	public FuzzTally(String name) {
		this.name = name;
	}

	/**
	 * Counts one case.
	 * @param kind what kind of input it was, e.g. {@code broken-json}
	 * @param outcome what came of it, e.g. {@code 400} or {@code dlt:malformed}
	 */
	public synchronized void count(String kind, String outcome) {
		this.kinds.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
		this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
		if (outcome.startsWith("5")) {
			this.serverErrors.incrementAndGet();
		}
	}

	/** Counts a state change caused by input that was rejected. */
	public void stateChange() {
		this.stateChanges.incrementAndGet();
	}

	public long cases() {
		return this.kinds.values().stream().mapToLong(AtomicLong::get).sum();
	}

	public long serverErrors() {
		return this.serverErrors.get();
	}

	public long stateChanges() {
		return this.stateChanges.get();
	}

	/**
	 * The one-line summary, e.g. {@code FUZZ orchestrator-rest cases=1000 kinds={...}
	 * outcomes={...} 5xx=0 stateChanges=0 seconds=12.3}.
	 * @return the line
	 */
	public synchronized String summary() {
		return String.format(Locale.ROOT, "FUZZ %s cases=%d kinds=%s outcomes=%s 5xx=%d stateChanges=%d seconds=%.1f",
				this.name, cases(), text(this.kinds), text(this.outcomes), this.serverErrors.get(),
				this.stateChanges.get(), (System.nanoTime() - this.startedAt) / 1e9);
	}

	private static String text(Map<String, AtomicLong> counts) {
		return counts.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue().get())
			.collect(Collectors.joining(",", "{", "}"));
	}

}
