package org.checkoutsaga.launcher.faults;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fixed-format report of a fault-injection run: a header with the seed and the
 * machine, one line per scenario, then each scenario's plan, details and problems.
 */
final class FaultReport {

	private static final String HEADER = String.format("%-29s %8s %9s %8s %-15s %5s %5s %5s %4s %7s %9s %8s  %s",
			"scenario", "accepted", "completed", "rejected", "OOS/UNK/CXL/TMO", "lost", "dupRc", "stock", "viol",
			"down-s", "progr-s", "drain-s", "result");

	private static final String RULE = "-".repeat(HEADER.length() + 2);

	private FaultReport() {
	}

	/**
	 * @param options the run's options
	 * @param startedAt when the run started
	 * @param results one per scenario, in the order run
	 * @return the report, lines separated by {@code \n}
	 */
	static String format(FaultOptions options, Instant startedAt, List<ScenarioResult> results) {
		List<String> lines = new ArrayList<>();
		lines.add(RULE.replace('-', '='));
		lines.add(String.format(
				" checkout-saga fault-injection run   seed %d   %d checkouts per scenario at %.0f/s   "
						+ "outage %d s   contention %d items x %d",
				options.seed(), options.checkouts(), options.ratePerSecond(), options.outage().toSeconds(),
				options.contentionItems(), ScenarioPlan.CONTENDERS_PER_ITEM));
		lines.add(" machine: " + machine() + "   started " + startedAt.truncatedTo(ChronoUnit.SECONDS));
		lines.add(RULE);
		lines.add(HEADER);
		for (ScenarioResult result : results) {
			lines.add(line(result));
		}
		lines.add(RULE);
		lines.add(
				" OOS/UNK/CXL/TMO: rejected OUT_OF_STOCK / UNKNOWN_ITEM / RETRACT_CANCELLED / TIMEOUT; lost: accepted but"
						+ " unknown or not ended at the deadline;");
		lines.add(" dupRc: checkouts with more than one receipt; stock: initial = current + completed quantities for"
				+ " every item; viol: cross-service violations;");
		lines.add(" down-s: fault to the part serving again; progr-s: from then to the first checkout ending; drain-s:"
				+ " until every checkout submitted before it ended.");
		lines.add(RULE);
		for (ScenarioResult result : results) {
			lines.addAll(details(result));
		}
		long passed = results.stream().filter(ScenarioResult::passed).count();
		long run = results.stream().filter(ScenarioResult::wasRun).count();
		lines.add(RULE);
		long warned = results.stream().filter((result) -> !result.missingOutcomes().isEmpty()).count();
		lines.add(String.format(" RESULT: %d of %d scenarios run passed, %d not run%s%s", passed, run,
				results.size() - run, (warned > 0) ? ", " + warned + " with warnings" : "",
				(passed == run) ? "" : "   FAILED"));
		lines.add(RULE.replace('-', '='));
		return String.join("\n", lines);
	}

	private static String line(ScenarioResult result) {
		if (!result.wasRun()) {
			return String.format("%-29s %s", result.scenario().label(), "NOT RUN (see below)");
		}
		Map<String, Integer> reasons = result.rejectedByReason();
		String byReason = String.format("%d/%d/%d/%d", reasons.getOrDefault("OUT_OF_STOCK", 0),
				reasons.getOrDefault("UNKNOWN_ITEM", 0), reasons.getOrDefault("RETRACT_CANCELLED", 0),
				reasons.getOrDefault("TIMEOUT", 0));
		return String.format("%-29s %8d %9d %8d %-15s %5d %5d %5s %4d %7s %9s %8s  %s", result.scenario().label(),
				result.accepted(), result.completed(), result.rejected(), byReason, result.lost(),
				result.duplicateReceipts(), result.stockConserved() ? "ok" : "WRONG", result.violations(),
				seconds(result.downMillis()), seconds(result.progressMillis()), seconds(result.drainMillis()),
				result.passed() ? "PASS" : "FAIL");
	}

	private static List<String> details(ScenarioResult result) {
		List<String> lines = new ArrayList<>();
		lines.add(" " + result.scenario().label() + ": " + result.scenario().description());
		if (!result.wasRun()) {
			lines.add("    NOT RUN: " + result.notRunReason());
			return lines;
		}
		lines.add("    plan: " + result.plan());
		lines.add(String.format(
				"    accepted %d of %d (REST %d, Kafka %d), REST attempts repeated %d, never accepted %d"
						+ " (of those started anyway %d)",
				result.accepted(), result.planned(), result.acceptedRest(), result.accepted() - result.acceptedRest(),
				result.restRetries(), result.notAccepted(), result.startedUnacknowledged()));
		lines.add(String.format(
				"    load %.1f s, then every accepted checkout ended within %.1f s; rejected: %s;"
						+ " ended without an outcome on checkout-results: %d",
				result.loadMillis() / 1000.0, result.settleMillis() / 1000.0,
				result.rejectedByReason().isEmpty() ? "none"
						: result.rejectedByReason()
							.entrySet()
							.stream()
							.map((entry) -> entry.getKey() + " " + entry.getValue())
							.collect(Collectors.joining(", ")),
				result.missingOutcomes().size()));
		if (result.circuitOpened() != null) {
			lines.add("    the orchestrator's circuit breaker '" + result.scenario().part().label() + "' "
					+ (result.circuitOpened() ? "opened" : "stayed closed") + " while "
					+ result.scenario().part().label() + " was down");
		}
		result.problems().forEach((problem) -> lines.add("    PROBLEM: " + problem));
		if (!result.missingOutcomes().isEmpty()) {
			lines
				.add("    WARNING: ended, but no outcome on checkout-results (a consumer of the topic waits for them): "
						+ String.join(", ", result.missingOutcomes()));
		}
		return lines;
	}

	private static String seconds(Long millis) {
		return (millis == null) ? "-" : String.format("%.1f", millis / 1000.0);
	}

	static String machine() {
		long memory = 0;
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			memory = os.getTotalMemorySize();
		}
		return String.format("%s %s %s, %d cpus, %.1f GB, %s %s", System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("os.arch"),
				Runtime.getRuntime().availableProcessors(), memory / 1e9, System.getProperty("java.vm.name"),
				System.getProperty("java.version"));
	}

}
