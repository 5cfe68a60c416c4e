package org.checkoutsaga.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.checkoutsaga.bench.cpu.CpuUsage;
import org.checkoutsaga.bench.cpu.SuiteCpu;
import org.checkoutsaga.bench.load.CheckoutGenerator;
import org.checkoutsaga.bench.load.KafkaLoad;
import org.checkoutsaga.bench.load.Outcomes;
import org.checkoutsaga.bench.load.RestLoad;
import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.load.Sample;
import org.checkoutsaga.bench.load.SendReport;
import org.checkoutsaga.bench.report.Machine;
import org.checkoutsaga.bench.report.Report;
import org.checkoutsaga.bench.results.DatabaseFiles;
import org.checkoutsaga.bench.results.JsonLine;
import org.checkoutsaga.bench.results.RunResult;
import org.checkoutsaga.bench.stages.StageMetrics;
import org.checkoutsaga.bench.stages.StageMetrics.Snapshot;
import org.checkoutsaga.bench.stages.StageMetrics.StageDelta;
import org.checkoutsaga.bench.suite.SuiteAdmin;

/**
 * Runs the workload against a suite, one run at a time: set the run's stock, wait until
 * the orchestrator is idle, collect the garbage (a suite in this JVM), snapshot the
 * services' meters and the suite's CPU time, send every checkout, wait for every outcome
 * (or the deadline), snapshot again, and print the suite's CPU per checkout and the run's
 * JSON line.
 */
final class Bench {

	private static final Duration IDLE_WAIT = Duration.ofSeconds(60);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

	private final SuiteAdmin admin;

	private final Outcomes outcomes;

	private final KafkaLoad kafka;

	private final RestLoad rest;

	private final StageMetrics stages;

	private final BenchOptions options;

	private final JsonLine.Context context;

	private final Report report;

	private final PrintStream out;

	private final boolean suiteInThisJvm;

	/**
	 * The local suite's H2 folder, to measure how its files grow; null for a remote
	 * suite.
	 */
	private final @Nullable Path databaseFolder;

	/** The suite's JVM, null where it is out of reach. */
	private final @Nullable SuiteCpu cpu;

	private final List<RunResult> results = new ArrayList<>();

	private Snapshot lastSnapshot;

	Bench(SuiteAdmin admin, Outcomes outcomes, KafkaLoad kafka, RestLoad rest, StageMetrics stages,
			BenchOptions options, JsonLine.Context context, Report report, PrintStream out, boolean suiteInThisJvm,
			@Nullable Path databaseFolder, @Nullable SuiteCpu cpu) {
		this.admin = admin;
		this.outcomes = outcomes;
		this.kafka = kafka;
		this.rest = rest;
		this.stages = stages;
		this.options = options;
		this.context = context;
		this.report = report;
		this.out = out;
		this.suiteInThisJvm = suiteInThisJvm;
		this.databaseFolder = databaseFolder;
		this.cpu = cpu;
	}

	/**
	 * The untimed warm-up: rounds of one burst each, half through Kafka and half through
	 * REST, so both ingress paths are compiled before anything is measured. Rounds repeat
	 * for the given time: with three services and a Kafka broker in one JVM on 2 CPUs,
	 * the C2 compiler is busy for about five minutes, and a round of 2000 took 3.5 s
	 * after half a minute, 2.3 s after three and 1.5 s after five. Where the suite's JIT
	 * is in sight, each round reports the compilers' share of its time, and rounds stop
	 * early once that was under {@value JitSettling#SETTLED_PERCENT}% in
	 * {@value JitSettling#ROUNDS} rounds in a row.
	 * @param events checkouts in a round
	 * @param time how long rounds repeat
	 * @param jit the work of the suite's JIT, or null where it is out of sight
	 */
	void warmUp(int events, Duration time, @Nullable JitWork jit) {
		if (events == 0) {
			this.report.warmUp("none");
			return;
		}
		long start = System.nanoTime();
		int rounds = 0;
		int missing = 0;
		double compiling = -1;
		JitSettling settling = new JitSettling();
		boolean again;
		do {
			long roundStart = System.nanoTime();
			missing += warmUpRound(events);
			rounds++;
			double roundMillis = (System.nanoTime() - roundStart) / 1e6;
			if (jit != null) {
				// 100% is one compiler thread busy all round
				compiling = 100 * jit.millisSinceLastCall() / roundMillis;
			}
			this.out.printf(Locale.ROOT, "# warm-up round %d: %.1f s%s%n", rounds, roundMillis / 1000,
					(jit != null) ? String.format(Locale.ROOT, ", %s %.0f%% of it", jit.label(), compiling) : "");
			boolean settled = jit != null && settling.settledAfter(compiling);
			again = !settled && System.nanoTime() - start < time.toNanos();
		}
		while (again);
		String jitNote = (jit != null) ? String.format(Locale.ROOT, "; %s %.0f%% of the last", jit.label(), compiling)
				: "";
		String summary = String.format(Locale.ROOT,
				"%d round(s) of %d checkouts (half via Kafka, half via REST) in %.1f s, %d missing%s", rounds, events,
				(System.nanoTime() - start) / 1e9, missing, jitNote);
		this.out.println("# warm-up (untimed): " + summary);
		this.report.warmUp(summary);
	}

	private int warmUpRound(int events) {
		RunSpec.Pool pool = RunSpec.Pool.SPREAD;
		this.admin.setStock(pool.items(), pool.stock());
		int viaKafka = (events + 1) / 2;
		int viaRest = events - viaKafka;
		int missing = send(new RunSpec(RunSpec.Ingress.KAFKA, pool, viaKafka), "bench-warmup").missing();
		if (viaRest > 0) {
			missing += send(new RunSpec(RunSpec.Ingress.REST, pool, viaRest), "bench-warmup").missing();
		}
		return missing;
	}

	/**
	 * Measure one run and print its JSON line.
	 * @param spec the run
	 * @return its result
	 */
	RunResult run(RunSpec spec) {
		this.admin.setStock(spec.pool().items(), spec.pool().stock());
		if (!this.admin.awaitIdle(IDLE_WAIT)) {
			this.out.println("# " + spec.name() + ": the orchestrator still drives sagas after " + IDLE_WAIT
					+ "; measuring anyway");
		}
		if (this.suiteInThisJvm) {
			// like JMH between iterations: no run pays for the garbage the runs before it
			// left, such as a full collection of the old generation in the middle of a
			// burst
			long collectStart = System.nanoTime();
			System.gc();
			this.out.printf(Locale.ROOT, "# %s: collected the garbage before the run in %d ms%n", spec.name(),
					Duration.ofNanos(System.nanoTime() - collectStart).toMillis());
		}
		double load = Machine.loadAverage();
		Snapshot before = this.stages.snapshot();
		this.out.printf(Locale.ROOT, "# %s: sending %d checkouts via %s%n", spec.name(), spec.events(),
				spec.ingress().name().toLowerCase(Locale.ROOT));
		this.out.flush();
		long databaseBefore = (this.databaseFolder != null) ? DatabaseFiles.bytes(this.databaseFolder) : -1;
		SuiteCpu.Snapshot cpuBefore = (this.cpu != null) ? this.cpu.snapshot() : null;
		RunResult result = send(spec, "bench-" + spec.name());
		CpuUsage cpuUsed = (this.cpu != null) ? this.cpu.between(cpuBefore, this.cpu.snapshot()) : null;
		result = result.withSuiteCost(cpuUsed,
				(this.databaseFolder != null) ? DatabaseFiles.bytes(this.databaseFolder) - databaseBefore : -1);
		Snapshot after = this.stages.snapshot();
		this.lastSnapshot = after;
		List<StageDelta> deltas = StageMetrics.between(before, after, spec.events());
		ObjectNode node = JsonLine.node(result, this.context, load);
		String line = node.toString();
		this.out.printf(Locale.ROOT, "# %s: sent in %d ms, %d/%d outcomes (%d completed, %d rejected, %d missing)%n",
				spec.name(), result.send().millis(), result.ended(), result.events(), result.completed(),
				result.rejected(), result.missing());
		if (result.cpu() != null) {
			result.cpu()
				.lines(result.ended())
				.forEach((cpuLine) -> this.out.println("# " + spec.name() + ": " + cpuLine));
		}
		this.out.println(line);
		this.out.flush();
		this.report.add(result, line, node, deltas);
		this.results.add(result);
		return result;
	}

	List<RunResult> results() {
		return List.copyOf(this.results);
	}

	/**
	 * @return the latest snapshot of the services' meters, null before the first run
	 */
	Snapshot lastSnapshot() {
		return this.lastSnapshot;
	}

	private RunResult send(RunSpec spec, String experimentId) {
		CheckoutGenerator generator = CheckoutGenerator.forRun(this.options.seed(), spec);
		try (Outcomes.Tracker tracker = this.outcomes.track(spec.events())) {
			SendReport sent = (spec.ingress() == RunSpec.Ingress.KAFKA)
					? this.kafka.send(tracker, generator, spec.events(), experimentId)
					: this.rest.send(tracker, generator, spec.events(), experimentId);
			List<Sample> samples = tracker.await(this.options.deadlineFor(spec.events()), this.options.idle(),
					PROGRESS_EVERY,
					(arrived, waited) -> this.out.printf(Locale.ROOT, "#   %s: %d/%d outcomes after %d s%n",
							spec.name(), arrived, spec.events(), waited.toSeconds()));
			return RunResult.of(spec, samples, sent);
		}
	}

}
