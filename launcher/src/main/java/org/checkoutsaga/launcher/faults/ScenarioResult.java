package org.checkoutsaga.launcher.faults;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one scenario showed.
 *
 * @param scenario the scenario
 * @param plan the plan in one line
 * @param notRunReason why it was not run, null if it was
 * @param planned checkouts planned
 * @param accepted checkouts accepted (REST 202/200 or Kafka ack)
 * @param acceptedRest of those, over REST
 * @param notAccepted checkouts the load gave up on (or REST refused)
 * @param startedUnacknowledged of those, checkouts the orchestrator started anyway
 * @param completed checkouts COMPLETED
 * @param rejectedByReason REJECTED checkouts per reason
 * @param compensationFailed checkouts COMPENSATION_FAILED
 * @param lost accepted checkouts unknown or not ended at the deadline
 * @param duplicateReceipts checkouts with more than one receipt
 * @param receiptsNotCompleted receipts of checkouts that did not complete
 * @param stockConserved whether initial = current + completed quantities for every item
 * (and unstocked items stayed unknown)
 * @param violations violations the cross-service checker found for these checkouts and
 * items
 * @param conflictingOutcomes checkouts told two different outcomes on
 * {@code checkout-results}
 * @param missingOutcomes ended checkouts with no outcome on {@code checkout-results} (a
 * warning: what users rely on holds, but a consumer of the topic waits for them)
 * @param restRetries REST attempts that failed and were repeated with the same key
 * @param circuitOpened whether the orchestrator's circuit breaker to the failed part
 * opened while it was down; null if the part has none
 * @param downMillis from the fault to the failed part serving again, null without fault
 * @param progressMillis from the part serving again to the first checkout ending after
 * it, null without fault
 * @param drainMillis from the part serving again until every checkout submitted before it
 * had ended, null without fault
 * @param loadMillis from the first submission to the last acceptance
 * @param settleMillis from the last acceptance until every accepted checkout had ended
 * @param problems what failed, in words; empty when the scenario passed
 */
record ScenarioResult(Scenario scenario, String plan, String notRunReason, int planned, int accepted, int acceptedRest,
		int notAccepted, int startedUnacknowledged, int completed, Map<String, Integer> rejectedByReason,
		int compensationFailed, int lost, int duplicateReceipts, int receiptsNotCompleted, boolean stockConserved,
		int violations, int conflictingOutcomes, List<String> missingOutcomes, int restRetries, Boolean circuitOpened,
		Long downMillis, Long progressMillis, Long drainMillis, long loadMillis, long settleMillis,
		List<String> problems) {

	ScenarioResult {
		rejectedByReason = new TreeMap<>(rejectedByReason);
		problems = List.copyOf(problems);
		missingOutcomes = List.copyOf(missingOutcomes);
	}

	static ScenarioResult notRun(Scenario scenario, String reason) {
		return new ScenarioResult(scenario, "", reason, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, true, 0, 0, List.of(),
				0, null, null, null, null, 0, 0, List.of());
	}

	static ScenarioResult failed(Scenario scenario, String problem) {
		return new ScenarioResult(scenario, "", null, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, false, 0, 0, List.of(), 0,
				null, null, null, null, 0, 0, List.of(problem));
	}

	boolean wasRun() {
		return this.notRunReason == null;
	}

	boolean passed() {
		return wasRun() && this.problems.isEmpty();
	}

	int rejected() {
		return this.rejectedByReason.values().stream().mapToInt(Integer::intValue).sum();
	}

}
