package org.checkoutsaga.bench.stages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.bench.stages.StageMetrics.Measure;
import org.checkoutsaga.bench.stages.StageMetrics.Probe;
import org.checkoutsaga.bench.stages.StageMetrics.Snapshot;
import org.checkoutsaga.bench.stages.StageMetrics.StageDelta;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-stage breakdown from two snapshots of the services' meters: the stage meters
 * the services have are read (not reported missing), and a run's rows are what changed.
 */
class StageMetricsTests {

	@Test
	void theStageMetersTheServicesExposeAreProbedNotReportedMissing() {
		Snapshot snapshot = new Snapshot(Map.of(StageMetrics.ORCHESTRATOR,
				Set.of("checkout.stage", "groupcommit.queue.wait", "groupcommit.sync"), StageMetrics.STOCK,
				Set.of("stock.mailbox.wait", "groupcommit.queue.wait", "groupcommit.sync"), StageMetrics.RECEIPT,
				Set.of("groupcommit.queue.wait", "groupcommit.sync")), Map.of());

		assertThat(StageMetrics.present(snapshot)).contains("checkout-orchestrator checkout.stage",
				"checkout-orchestrator groupcommit.queue.wait", "checkout-orchestrator groupcommit.sync",
				"stock-entity-service stock.mailbox.wait", "stock-entity-service groupcommit.queue.wait",
				"stock-entity-service groupcommit.sync", "receipt-service groupcommit.queue.wait",
				"receipt-service groupcommit.sync");
		assertThat(StageMetrics.missing(snapshot))
			.noneMatch((missing) -> missing.contains("checkout.stage") || missing.contains("groupcommit.queue.wait")
					|| missing.contains("groupcommit.sync") || missing.contains("stock.mailbox.wait"))
			.anyMatch((missing) -> missing.startsWith("checkout-orchestrator kafka.consumer.fetch.manager"));
	}

	@Test
	void aStageRowIsWhatItsTimerRecordedDuringTheRun() {
		Probe stage = probe(StageMetrics.ORCHESTRATOR, "checkout.stage");
		Snapshot before = snapshot(new Measure(stage, "stock", 100, 1.0, "seconds"),
				new Measure(stage, "receipt", 100, 0.5, "seconds"));
		Snapshot after = snapshot(new Measure(stage, "stock", 300, 5.0, "seconds"),
				new Measure(stage, "receipt", 100, 0.5, "seconds"));

		List<StageDelta> rows = StageMetrics.between(before, after, 200);

		assertThat(rows).as("receipt recorded nothing during the run")
			.containsExactly(new StageDelta(StageMetrics.ORCHESTRATOR, stage.label(), "checkout.stage", "stock", 200,
					1.0, 20.0, "ms"));
	}

	private static Probe probe(String service, String metric) {
		return StageMetrics.PROBES.stream()
			.filter((probe) -> probe.service().equals(service) && probe.metric().equals(metric))
			.findFirst()
			.orElseThrow();
	}

	private static Snapshot snapshot(Measure... measures) {
		Map<String, Measure> byKey = new LinkedHashMap<>();
		for (Measure measure : measures) {
			byKey.put(measure.probe().key(measure.tagValue()), measure);
		}
		return new Snapshot(Map.of(), byKey);
	}

}
