package org.checkoutsaga.bench.results;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.load.Sample;
import org.checkoutsaga.bench.load.SendReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunResultTests {

	@Test
	void measuresLatencyAndThroughputOfCompletedCheckoutsOnly() {
		List<Sample> samples = List.of(completed(0, 1_000, 1_100), completed(1, 1_010, 1_310),
				rejected(2, 1_020, 1_500), missing(3, 1_030));

		RunResult result = RunResult.of(RunSpec.parse("kafka-scarce-4"), samples, new SendReport(4, 0, null, 5));

		assertThat(result.completed()).isEqualTo(2);
		assertThat(result.rejected()).isEqualTo(1);
		assertThat(result.missing()).isEqualTo(1);
		assertThat(result.latency().count()).isEqualTo(2);
		assertThat(result.latency().mean()).isEqualTo(200.0);
		assertThat(result.latency().max()).isEqualTo(300);
		// 2 completed from the first client timestamp (1000) to the last receipt (1310)
		assertThat(result.throughput()).isCloseTo(2 / 0.310, within(1e-9));
		assertThat(result.rejectedLatency().max()).isEqualTo(480);
		assertThat(result.rejections()).containsEntry("OUT_OF_STOCK", 1);
		assertThat(result.latenciesByIndex()).containsExactly(100, 300, -1, -1);
	}

	private static Sample completed(int index, long clientTimestamp, long completedAt) {
		return new Sample(index, "r" + index, clientTimestamp,
				new Sample.Outcome("COMPLETED", null, completedAt, clientTimestamp));
	}

	private static Sample rejected(int index, long clientTimestamp, long completedAt) {
		return new Sample(index, "r" + index, clientTimestamp,
				new Sample.Outcome("REJECTED", "OUT_OF_STOCK", completedAt, clientTimestamp));
	}

	private static Sample missing(int index, long clientTimestamp) {
		return new Sample(index, "r" + index, clientTimestamp, null);
	}

}
