package org.checkoutsaga.bench.results;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyStatsTests {

	@Test
	void takesPercentilesByNearestRank() {
		long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();

		LatencyStats stats = LatencyStats.of(oneToHundred);

		assertThat(stats.count()).isEqualTo(100);
		assertThat(stats.mean()).isEqualTo(50.5);
		assertThat(stats.p50()).isEqualTo(50);
		assertThat(stats.p90()).isEqualTo(90);
		assertThat(stats.p95()).isEqualTo(95);
		assertThat(stats.p99()).isEqualTo(99);
		assertThat(stats.max()).isEqualTo(100);
	}

	@Test
	void roundsTheRankUpOnSmallSamples() {
		// ranks: p50 -> ceil(2.5) = 3, p90 -> ceil(4.5) = 5
		LatencyStats stats = LatencyStats.of(new long[] { 40, 10, 50, 30, 20 });

		assertThat(stats.p50()).isEqualTo(30);
		assertThat(stats.p90()).isEqualTo(50);
		assertThat(stats.p99()).isEqualTo(50);
		assertThat(stats.mean()).isEqualTo(30.0);
	}

	@Test
	void doesNotReorderTheCallersLatencies() {
		long[] latencies = { 3, 1, 2 };

		LatencyStats.of(latencies);

		assertThat(latencies).containsExactly(3, 1, 2);
	}

	@Test
	void reportsNothingForNoLatencies() {
		assertThat(LatencyStats.of(new long[0])).isEqualTo(LatencyStats.NONE);
	}

	@Test
	void dividesCompletedCheckoutsByFirstClientTimestampToLastCompletion() {
		// 500 checkouts, first created at t=1000 ms, last receipt at t=3500 ms: 2.5 s
		assertThat(LatencyStats.throughput(500, 1_000, 3_500)).isCloseTo(200.0, within(1e-9));
	}

	@Test
	void countsNoThroughputWithoutCompletedCheckouts() {
		assertThat(LatencyStats.throughput(0, 1_000, 900)).isZero();
	}

}
