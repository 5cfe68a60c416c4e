package org.checkoutsaga.bench.results;

import java.util.Arrays;

/**
 * Mean, percentiles and maximum of a set of latencies in milliseconds. Percentiles use
 * the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * {@code ceil(p/100 * n)}, so it is always one of the measured latencies.
 *
 * @param count how many latencies
 * @param mean their mean
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 */
public record LatencyStats(int count, double mean, long p50, long p90, long p95, long p99, long max) {

	/** No latencies. */
	public static final LatencyStats NONE = new LatencyStats(0, 0, 0, 0, 0, 0, 0);

	/**
	 * @param latencies milliseconds, in any order (not changed)
	 * @return their statistics, {@link #NONE} if there are none
	 */
	public static LatencyStats of(long[] latencies) {
		if (latencies.length == 0) {
			return NONE;
		}
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		double sum = 0;
		for (long latency : sorted) {
			sum += latency;
		}
		return new LatencyStats(sorted.length, sum / sorted.length, percentile(sorted, 50), percentile(sorted, 90),
				percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]);
	}

	/**
	 * The nearest-rank percentile.
	 * @param sorted values in ascending order, at least one
	 * @param p the percentile, 0 &lt; p &lt;= 100
	 * @return the value at rank {@code ceil(p/100 * n)}
	 */
	static long percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
	}

	/**
	 * The thesis' average throughput: completed checkouts divided by the time from the
	 * first checkout's client timestamp to the last completion.
	 * @param completed N, checkouts completed
	 * @param firstClientTimestamp T_client_first, epoch milliseconds
	 * @param lastCompletion T_receipt_last, epoch milliseconds
	 * @return checkouts per second, 0 when none completed
	 */
	public static double throughput(int completed, long firstClientTimestamp, long lastCompletion) {
		if (completed == 0) {
			return 0;
		}
		// a whole run within one millisecond is counted as one
		long millis = Math.max(1, lastCompletion - firstClientTimestamp);
		return completed / (millis / 1000.0);
	}

}
