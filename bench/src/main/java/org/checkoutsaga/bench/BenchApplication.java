package org.checkoutsaga.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.checkoutsaga.bench.load.KafkaLoad;
import org.checkoutsaga.bench.load.Outcomes;
import org.checkoutsaga.bench.load.RestLoad;
import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.report.Charts;
import org.checkoutsaga.bench.report.Machine;
import org.checkoutsaga.bench.report.Report;
import org.checkoutsaga.bench.results.JsonLine;
import org.checkoutsaga.bench.results.ResultTable;
import org.checkoutsaga.bench.results.RunResult;
import org.checkoutsaga.bench.stages.StageMetrics;
import org.checkoutsaga.bench.suite.LocalTarget;
import org.checkoutsaga.bench.suite.RemoteTarget;
import org.checkoutsaga.bench.suite.SuiteAdmin;
import org.checkoutsaga.bench.suite.SuiteTarget;
import org.checkoutsaga.support.CommonPool;

/**
 * The benchmark's command line: starts the local suite (or addresses a running one),
 * warms it up, measures the chosen runs, and prints the table and one JSON line per run;
 * the report folder gets the summary, the charts and every checkout's timings.
 * <p>
 * Exit status: 0 when every checkout had an outcome, 3 when some were missing, 2 for bad
 * options, 1 when the benchmark failed.
 */
public final class BenchApplication {

	/** The system property naming the local suite's log file. */
	static final String LOG_FILE_PROPERTY = "bench.log.file";

	private BenchApplication() {
	}

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		System.setProperty("java.awt.headless", "true");
		if (List.of(args).contains("--help")) {
			System.out.println(BenchOptions.USAGE);
			return;
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		int status;
		try {
			status = run(options, String.join(" ", args), System.out);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.err.println("The benchmark failed: " + ex);
			status = 1;
		}
		System.exit(status);
	}

	/**
	 * Run the benchmark.
	 * @param options what to run
	 * @param command the options as given, for the report
	 * @param out where the progress, the JSON lines and the table go
	 * @return 0 if every checkout had an outcome, 3 otherwise
	 * @throws IOException if the report cannot be written
	 */
	static int run(BenchOptions options, String command, PrintStream out) throws IOException {
		Path reportDir = options.report().toAbsolutePath();
		Files.createDirectories(reportDir);
		// the services log to a file in the report folder; the console keeps the results
		if (System.getProperty(LOG_FILE_PROPERTY) == null) {
			System.setProperty(LOG_FILE_PROPERTY, reportDir.resolve("suite.log").toString());
		}
		configureLogging();
		Machine machine = Machine.current();
		out.println("# checkout benchmark: " + options.runs().size() + " runs, warm-up rounds of " + options.warmUp()
				+ " for " + options.warmUpTime().toSeconds() + " s, seed " + options.seed() + ", report " + reportDir);
		try (SuiteTarget target = target(options, out)) {
			SuiteAdmin admin = new SuiteAdmin(target);
			String jvm = target.inProcess() ? machine.jvm() : jvmOf(admin, target, machine);
			String note = target.inProcess() ? "load generator shares the suite's JVM and " + machine.cpus()
					+ " cpus; harness heap " + machine.maxHeapBytes() / (1024 * 1024) + " MiB ("
					+ machine.garbageCollectors() + "), a full GC before each run" : "harness JVM " + machine.jvm();
			JsonLine.Context context = new JsonLine.Context(target.system(), target.durability().summary(), jvm,
					options.seed(), options.restConcurrency(), machine.cpus(), note);
			out.println("# target: " + target.describe());
			out.println("# durability: " + context.durability());
			out.println("# jvm: " + jvm + "; cpus " + machine.cpus() + "; " + machine.os());
			Report report = new Report(reportDir, machine, command, target.describe(), target.durability());
			StageMetrics stages = new StageMetrics(target.services(), target.inProcess(), target.apiKey());
			try (Outcomes outcomes = new Outcomes(target.bootstrapServers());
					KafkaLoad kafka = new KafkaLoad(target.bootstrapServers());
					RestLoad rest = new RestLoad(target.orchestratorUrl(), options.restConcurrency(),
							target.apiKey())) {
				Bench bench = new Bench(admin, outcomes, kafka, rest, stages, options, context, report, out,
						target.inProcess(), target.databaseFolder());
				bench.warmUp(options.warmUp(), options.warmUpTime(), target.inProcess() ? jit() : null);
				for (RunSpec run : options.runs()) {
					bench.run(run);
				}
				return finish(bench, report, out);
			}
		}
	}

	/** The JIT of this JVM, if it reports its compilation time. */
	private static @Nullable CompilationMXBean jit() {
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		return (jit != null && jit.isCompilationTimeMonitoringSupported()) ? jit : null;
	}

	private static int finish(Bench bench, Report report, PrintStream out) throws IOException {
		List<RunResult> results = bench.results();
		String table = ResultTable.format(results, "checkout-saga");
		out.println();
		out.print(table);
		StageMetrics.Snapshot snapshot = bench.lastSnapshot();
		if (snapshot != null) {
			List<String> missing = StageMetrics.missing(snapshot);
			report.stageMeters(StageMetrics.present(snapshot), missing);
			out.println();
			out.println("Stage meters missing (per-stage means of those present are in summary.md):");
			missing.forEach((name) -> out.println("  - " + name));
		}
		List<Path> charts = Charts.write(results, report.dir());
		report.write(table, charts);
		out.println();
		out.println("Report: " + report.dir().resolve("summary.md"));
		charts.forEach((chart) -> out.println("  " + chart.getFileName()));
		int missing = results.stream().mapToInt(RunResult::missing).sum();
		if (missing > 0) {
			out.println(missing + " checkout(s) had no outcome by the deadline: see the notes of each run");
			return 3;
		}
		return 0;
	}

	/**
	 * Point Logback at the benchmark's configuration before anything logs (the Kafka
	 * broker starts before any Spring context), then clear the property again: Spring
	 * Boot, which configures the services' logging through {@code logging.config}, warns
	 * about it otherwise.
	 */
	private static void configureLogging() {
		System.setProperty("logback.configurationFile", "bench-logback.xml");
		LoggerFactory.getLogger(BenchApplication.class)
			.info("Benchmark logging to {}", System.getProperty(LOG_FILE_PROPERTY));
		System.clearProperty("logback.configurationFile");
	}

	private static SuiteTarget target(BenchOptions options, PrintStream out) {
		BenchOptions.Remote remote = options.remote();
		if (remote != null) {
			return new RemoteTarget(remote.orchestratorUrl(), remote.stockUrl(), remote.receiptUrl(), remote.kafka(),
					remote.apiKey());
		}
		out.println("# starting the local suite (logs: " + System.getProperty(LOG_FILE_PROPERTY) + ")");
		return LocalTarget.start(options.dataDir(), options.keepData(), options.suiteProperties());
	}

	private static String jvmOf(SuiteAdmin admin, SuiteTarget target, Machine machine) {
		String jvm = admin.jvmOf(target.orchestratorUrl());
		return (jvm != null) ? jvm : "unknown (harness: " + machine.jvm() + ")";
	}

}
