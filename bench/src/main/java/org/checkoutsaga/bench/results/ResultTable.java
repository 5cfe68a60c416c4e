package org.checkoutsaga.bench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.checkoutsaga.bench.load.RunSpec;

/**
 * The fixed-format summary in the style of the thesis' Tables 4.2 and 4.3: one row per
 * run with mean, p50, p90, p95, p99 and max latency in ms and the throughput, grouped by
 * burst size; for the thesis' sizes (100, 500, 1000) its own rows follow ours. Warm-up is
 * never a row.
 */
public final class ResultTable {

	private static final String ROW = "%-34s %7s %9s %8s %7s %10s %8s %7s %7s %7s %7s %7s%n";

	private ResultTable() {
	}

	/**
	 * @param results the measured runs, in the order run
	 * @param system how our rows are labelled, e.g. {@code checkout-saga}
	 * @return the table, lines separated by {@code \n}
	 */
	public static String format(List<RunResult> results, String system) {
		StringBuilder out = new StringBuilder();
		out.append(
				"Checkout latency (ms) and throughput (checkouts/s): ours beside the thesis' Tables 4.2 (EP1, 1 vCPU)\n");
		out.append("and 4.3 (EP3, 4 vCPU). Thesis throughput is from its text; '-' where only its figures show it.\n");
		out.append("Latency = completion - clientTimestamp of completed checkouts; throughput = completed /\n");
		out.append("(last completion - first clientTimestamp). Percentiles by nearest rank. Warm-up excluded.\n\n");
		out.append(String.format(Locale.ROOT, ROW, "System / variant", "Events", "Completed", "Rejected", "Missing",
				"Throughput", "Mean", "P50", "P90", "P95", "P99", "Max"));
		out.append(String.format(Locale.ROOT, ROW, "-".repeat(34), "-".repeat(7), "-".repeat(9), "-".repeat(8),
				"-".repeat(7), "-".repeat(10), "-".repeat(8), "-".repeat(7), "-".repeat(7), "-".repeat(7),
				"-".repeat(7), "-".repeat(7)));
		for (Map.Entry<String, List<RunResult>> group : groups(results).entrySet()) {
			out.append(group.getKey()).append('\n');
			for (RunResult result : group.getValue()) {
				out.append(ours(result, system));
			}
			if (group.getKey().startsWith("Burst")) {
				int events = group.getValue().get(0).spec().events();
				ThesisReference.forEvents(events).forEach((row) -> out.append(thesis(row)));
			}
		}
		return out.toString();
	}

	private static Map<String, List<RunResult>> groups(List<RunResult> results) {
		Map<String, List<RunResult>> groups = new LinkedHashMap<>();
		List<RunResult> ordered = new ArrayList<>(results);
		ordered.sort((a, b) -> Integer.compare(rank(a.spec()), rank(b.spec())));
		for (RunResult result : ordered) {
			RunSpec spec = result.spec();
			String title;
			if (spec.pool() == RunSpec.Pool.SCARCE) {
				title = "Scarce stock (" + spec.pool().stock() + " per item): rejections and compensation";
			}
			else if (RunSpec.BURSTS.contains(spec.events())) {
				title = "Burst of " + spec.events();
			}
			else if (spec.events() >= RunSpec.SUSTAINED.get(0)) {
				title = "Sustained " + spec.events();
			}
			else {
				title = "Runs of " + spec.events();
			}
			groups.computeIfAbsent(title, (key) -> new ArrayList<>()).add(result);
		}
		return groups;
	}

	/** Bursts by size, then sustained by size, then scarce; stable within. */
	private static int rank(RunSpec spec) {
		int group = (spec.pool() == RunSpec.Pool.SCARCE) ? 2 : (RunSpec.BURSTS.contains(spec.events()) ? 0 : 1);
		return group * 10_000_000 + Math.min(spec.events(), 9_999_999);
	}

	private static String ours(RunResult result, String system) {
		LatencyStats latency = result.latency();
		return String.format(Locale.ROOT, ROW, "  " + system + " " + result.spec().variant(), result.events(),
				result.completed(), result.rejected(), result.missing(), decimal(result.throughput(), 2),
				decimal(latency.mean(), 1), latency.p50(), latency.p90(), latency.p95(), latency.p99(), latency.max());
	}

	private static String thesis(ThesisReference.Row row) {
		return String.format(Locale.ROOT, ROW, "  " + row.label(), row.events(), "-", "-", "-",
				decimal(row.throughput(), 2), decimal(row.mean(), 0), "-", row.p90(), row.p95(), row.p99(), "-");
	}

	private static String decimal(double value, int decimals) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
