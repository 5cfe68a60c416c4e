package org.checkoutsaga.bench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.checkoutsaga.bench.load.RunSpec;

/**
 * One run as one JSON line in the format of the workload (WORKLOAD.md): system, variant,
 * events, completed, throughput, mean, p50, p90, p95, p99, max, durability, jvm, notes,
 * in that order. Throughput is in checkouts per second, latencies in milliseconds.
 */
public final class JsonLine {

	/** The fields, in the order they are written. */
	public static final List<String> FIELDS = List.of("system", "variant", "events", "completed", "throughput", "mean",
			"p50", "p90", "p95", "p99", "max", "durability", "jvm", "notes");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonLine() {
	}

	/**
	 * @param result the run
	 * @param context what holds for every run
	 * @param loadAverage the machine's one-minute load average when the run started,
	 * negative if unknown
	 * @return the JSON line, without a line break
	 */
	public static String of(RunResult result, Context context, double loadAverage) {
		return JSON.writeValueAsString(node(result, context, loadAverage));
	}

	/**
	 * @param result the run
	 * @param context what holds for every run
	 * @param loadAverage the one-minute load average when the run started, negative if
	 * unknown
	 * @return the line as a JSON object
	 */
	public static ObjectNode node(RunResult result, Context context, double loadAverage) {
		LatencyStats latency = result.latency();
		ObjectNode line = JSON.createObjectNode();
		line.put("system", context.system());
		line.put("variant", result.spec().variant());
		line.put("events", result.events());
		line.put("completed", result.completed());
		line.put("throughput", round(result.throughput(), 2));
		line.put("mean", round(latency.mean(), 1));
		line.put("p50", latency.p50());
		line.put("p90", latency.p90());
		line.put("p95", latency.p95());
		line.put("p99", latency.p99());
		line.put("max", latency.max());
		line.put("durability", context.durability());
		line.put("jvm", context.jvm());
		line.put("notes", notes(result, context, loadAverage));
		return line;
	}

	/**
	 * What else a reader needs to judge the numbers: the run's pool and stock, rejected
	 * and missing checkouts, how long sending took, the seed and the machine's load.
	 */
	static String notes(RunResult result, Context context, double loadAverage) {
		RunSpec spec = result.spec();
		List<String> notes = new ArrayList<>();
		notes.add("run=" + spec.name());
		notes.add("ingress=" + spec.ingress().name().toLowerCase(Locale.ROOT)
				+ ((spec.ingress() == RunSpec.Ingress.REST) ? " (" + context.restConcurrency() + " in flight)" : ""));
		notes.add("pool=" + spec.pool().size() + " items, stock " + spec.pool().stock() + " each");
		notes.add("rejected=" + result.rejected() + (result.rejections().isEmpty() ? "" : " " + result.rejections()));
		if (result.rejected() > 0) {
			notes.add(String.format(Locale.ROOT, "rejected mean=%.1f ms p99=%d ms", result.rejectedLatency().mean(),
					result.rejectedLatency().p99()));
		}
		notes.add("missing=" + result.missing());
		if (result.send() != null) {
			notes.add("sent in " + result.send().millis() + " ms");
			if (result.send().failed() > 0) {
				notes.add(result.send().failed() + " sends failed, first: " + result.send().firstFailure());
			}
		}
		if (result.restAcceptMillis() >= 0) {
			notes.add(String.format(Locale.ROOT, "client to orchestrator timestamp mean=%.1f ms",
					result.restAcceptMillis()));
		}
		if (result.cpu() != null) {
			// what the run cost, steadier than its throughput on a shared machine
			notes.add(result.cpuPerCheckout());
		}
		if (result.databaseGrowthPerCheckout() != null) {
			// H2 keeps every page it rewrote while the services run
			notes.add(result.databaseGrowthPerCheckout());
		}
		notes.add("seed=" + context.seed());
		if (loadAverage >= 0) {
			notes.add(String.format(Locale.ROOT, "loadavg=%.2f on %d cpus", loadAverage, context.cpus()));
		}
		if (!context.note().isEmpty()) {
			notes.add(context.note());
		}
		return String.join("; ", notes);
	}

	private static double round(double value, int decimals) {
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

	/**
	 * What holds for every run of one benchmark.
	 *
	 * @param system the system under test
	 * @param durability how its state reaches the disk
	 * @param jvm the services' Java version and vendor
	 * @param seed the random seed of the payloads
	 * @param restConcurrency REST requests in flight
	 * @param cpus processors the harness sees
	 * @param note a note for every run (e.g. that the harness shares the suite's JVM)
	 */
	public record Context(String system, String durability, String jvm, long seed, int restConcurrency, int cpus,
			String note) {

		public Context {
			note = (note != null) ? note : "";
		}

	}

}
