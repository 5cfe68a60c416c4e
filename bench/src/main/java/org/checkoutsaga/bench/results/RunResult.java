package org.checkoutsaga.bench.results;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.checkoutsaga.bench.cpu.CpuUsage;
import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.load.Sample;
import org.checkoutsaga.bench.load.SendReport;
import org.jspecify.annotations.Nullable;

/**
 * What one run measured, by the thesis' definitions (section 3.6.1): the latency of a
 * checkout is its completion time minus its client timestamp; throughput is the number of
 * completed checkouts over the time from the first client timestamp to the last
 * completion. Latencies are those of completed checkouts; rejected ones are counted and
 * reported apart.
 *
 * @param spec the run
 * @param samples every checkout sent, in the order created, with its outcome if one came
 * @param send how sending went
 * @param completed checkouts that ended COMPLETED
 * @param rejected checkouts that ended REJECTED
 * @param missing checkouts without an outcome when the run ended
 * @param throughput completed checkouts per second
 * @param latency latencies of the completed checkouts
 * @param rejectedLatency latencies of the rejected checkouts (to their end)
 * @param rejections rejected checkouts by reason
 * @param restAcceptMillis for REST: mean time from the client's timestamp to the
 * orchestrator's own timestamp of the request; -1 otherwise
 * @param cpu the CPU time the suite's JVM used from the first send to the last outcome,
 * by component, or null where it is not measured (no JVM of the suite in reach)
 * @param databaseGrowth bytes the local suite's H2 files grew by during the run, -1 where
 * it is not measured
 */
public record RunResult(RunSpec spec, List<Sample> samples, SendReport send, int completed, int rejected, int missing,
		double throughput, LatencyStats latency, LatencyStats rejectedLatency, Map<String, Integer> rejections,
		double restAcceptMillis, @Nullable CpuUsage cpu, long databaseGrowth) {

	/**
	 * Compute a run's result from its samples.
	 * @param spec the run
	 * @param samples every checkout sent
	 * @param send how sending went
	 * @return the result
	 */
	public static RunResult of(RunSpec spec, List<Sample> samples, SendReport send) {
		long firstClientTimestamp = Long.MAX_VALUE;
		long lastCompletion = Long.MIN_VALUE;
		long[] completedLatencies = new long[samples.size()];
		long[] rejectedLatencies = new long[samples.size()];
		int completed = 0;
		int rejected = 0;
		double acceptSum = 0;
		int accepted = 0;
		Map<String, Integer> rejections = new TreeMap<>();
		for (Sample sample : samples) {
			firstClientTimestamp = Math.min(firstClientTimestamp, sample.clientTimestamp());
			if (sample.outcome() != null) {
				acceptSum += sample.outcome().serverTimestamp() - sample.clientTimestamp();
				accepted++;
			}
			if (sample.completed()) {
				completedLatencies[completed++] = sample.latencyMillis();
				lastCompletion = Math.max(lastCompletion, sample.outcome().completedAt());
			}
			else if (sample.rejected()) {
				rejectedLatencies[rejected++] = sample.latencyMillis();
				rejections.merge(String.valueOf(sample.outcome().reason()), 1, Integer::sum);
			}
		}
		int missing = samples.size() - completed - rejected;
		double throughput = (completed > 0) ? LatencyStats.throughput(completed, firstClientTimestamp, lastCompletion)
				: 0;
		double restAccept = (spec.ingress() == RunSpec.Ingress.REST && accepted > 0) ? acceptSum / accepted : -1;
		return new RunResult(spec, List.copyOf(samples), send, completed, rejected, missing, throughput,
				LatencyStats.of(Arrays.copyOf(completedLatencies, completed)),
				LatencyStats.of(Arrays.copyOf(rejectedLatencies, rejected)), rejections, restAccept, null, -1);
	}

	/**
	 * @param cpu the CPU time the suite's JVM used during the run, null where it is not
	 * measured
	 * @param databaseGrowth what the local suite's H2 files grew by during the run, -1
	 * where it is not measured
	 * @return this result with what the run cost the suite
	 */
	public RunResult withSuiteCost(@Nullable CpuUsage cpu, long databaseGrowth) {
		return new RunResult(this.spec, this.samples, this.send, this.completed, this.rejected, this.missing,
				this.throughput, this.latency, this.rejectedLatency, this.rejections, this.restAcceptMillis, cpu,
				databaseGrowth);
	}

	/**
	 * @return how many checkouts the run sent
	 */
	public int events() {
		return this.samples.size();
	}

	/**
	 * @return how many checkouts ended, completed or rejected
	 */
	public int ended() {
		return this.completed + this.rejected;
	}

	/**
	 * @return the suite's CPU time per ended checkout and its breakdown, e.g.
	 * {@code suite cpu=2.104 ms per checkout (process total; by thread: kafka-broker
	 * 0.512, ...)}, or null where it is not measured
	 */
	public @Nullable String cpuPerCheckout() {
		return (this.cpu != null) ? this.cpu.note(ended()) : null;
	}

	/**
	 * @return kilobytes the H2 files grew by per ended checkout, -1 where it is not
	 * measured
	 */
	public double databaseKilobytesPerCheckout() {
		return (this.databaseGrowth >= 0 && ended() > 0) ? this.databaseGrowth / 1024.0 / ended() : -1;
	}

	/**
	 * @return e.g. {@code h2 files +14.7 KB per checkout}, or null where it is not
	 * measured
	 */
	public @Nullable String databaseGrowthPerCheckout() {
		double kilobytes = databaseKilobytesPerCheckout();
		return (kilobytes >= 0) ? String.format(Locale.ROOT, "h2 files +%.1f KB per checkout", kilobytes) : null;
	}

	/**
	 * @return latencies of the completed checkouts in the order the client created them
	 * (Figure 4.4), -1 where a checkout did not complete
	 */
	public long[] latenciesByIndex() {
		long[] latencies = new long[this.samples.size()];
		for (Sample sample : this.samples) {
			latencies[sample.index()] = sample.completed() ? sample.latencyMillis() : -1;
		}
		return latencies;
	}

	/**
	 * @return latencies of the completed checkouts, in creation order
	 */
	public long[] completedLatencies() {
		return this.samples.stream().filter(Sample::completed).mapToLong(Sample::latencyMillis).toArray();
	}

}
