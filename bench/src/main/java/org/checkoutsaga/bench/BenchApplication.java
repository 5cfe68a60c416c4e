package org.checkoutsaga.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.checkoutsaga.bench.cpu.SuiteComponents;
import org.checkoutsaga.bench.cpu.SuiteCpu;
import org.checkoutsaga.bench.cpu.ThreadDump;
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
import org.checkoutsaga.bench.suite.SuiteProcess;
import org.checkoutsaga.bench.suite.SuiteTarget;
import org.checkoutsaga.support.CommonPool;

/**
 * The benchmark's command line: starts the suite in a process of its own as users run it
 * (or addresses a running one, or, as a diagnostic, starts it in this JVM), warms it up,
 * measures the chosen runs from this JVM, and prints the table, one JSON line per run and
 * the suite's CPU per checkout by component; the report folder gets the summary, the
 * charts and every checkout's timings.
 * <p>
 * Exit status: 0 when every checkout had an outcome, 3 when some were missing, 2 for bad
 * options, 1 when the benchmark failed.
 */
public final class BenchApplication {

	/** The system property naming the file this JVM logs to. */
	static final String LOG_FILE_PROPERTY = "bench.log.file";

	/** What every line of the {@code --in-process} diagnostic starts with. */
	static final String IN_PROCESS_LABEL = "[in-process diagnostic] ";

	/** The environment variable with the suite process's JVM options. */
	static final String SUITE_JAVA_OPTS = "SUITE_JAVA_OPTS";

	/** The suite's log in the report folder. */
	private static final String SUITE_LOG = "suite.log";

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
	 * @param console where the progress, the JSON lines and the table go
	 * @return 0 if every checkout had an outcome, 3 otherwise
	 * @throws IOException if the report cannot be written
	 */
	static int run(BenchOptions options, String command, PrintStream console) throws IOException {
		PrintStream out = options.inProcess() ? LabelledLines.of(console, IN_PROCESS_LABEL) : console;
		Path reportDir = options.report().toAbsolutePath();
		Files.createDirectories(reportDir);
		// this JVM's own logs (its Kafka clients; with --in-process the services' too) go
		// to a file in the report folder; the console keeps the results
		if (System.getProperty(LOG_FILE_PROPERTY) == null) {
			System.setProperty(LOG_FILE_PROPERTY,
					reportDir.resolve(options.inProcess() ? SUITE_LOG : "bench.log").toString());
		}
		configureLogging();
		Machine machine = Machine.current();
		out.println("# checkout benchmark: " + options.runs().size() + " runs, warm-up rounds of " + options.warmUp()
				+ " for " + options.warmUpTime().toSeconds() + " s, seed " + options.seed() + ", report " + reportDir);
		try (SuiteTarget target = target(options, reportDir, out)) {
			SuiteAdmin admin = new SuiteAdmin(target);
			String jvm = target.inProcess() ? machine.jvm() : jvmOf(admin, target, machine);
			SuiteCpu cpu = cpuOf(target, out);
			JsonLine.Context context = new JsonLine.Context(target.system(jvm), target.durability().summary(), jvm,
					options.seed(), options.restConcurrency(), machine.cpus(), note(target, machine, cpu));
			out.println("# target: " + target.describe());
			out.println("# durability: " + context.durability());
			out.println("# suite jvm: " + jvm + "; client jvm: " + machine.jvm() + "; cpus " + machine.cpus() + "; "
					+ machine.os());
			Report report = new Report(reportDir, machine, command, target.describe(), jvm, target.durability());
			StageMetrics stages = new StageMetrics(target.services(), target.inProcess(), target.apiKey());
			try (Outcomes outcomes = new Outcomes(target.bootstrapServers());
					KafkaLoad kafka = new KafkaLoad(target.bootstrapServers());
					RestLoad rest = new RestLoad(target.orchestratorUrl(), options.restConcurrency(),
							target.apiKey())) {
				Bench bench = new Bench(admin, outcomes, kafka, rest, stages, options, context, report, out,
						target.inProcess(), target.databaseFolder(), cpu);
				JitWork jit = target.inProcess() ? JitWork.ofThisJvm() : (cpu != null) ? JitWork.ofSuite(cpu) : null;
				bench.warmUp(options.warmUp(), options.warmUpTime(), jit);
				for (RunSpec run : options.runs()) {
					bench.run(run);
				}
				return finish(bench, report, out);
			}
		}
		finally {
			out.flush();
		}
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

	private static SuiteTarget target(BenchOptions options, Path reportDir, PrintStream out) {
		BenchOptions.Remote remote = options.remote();
		if (remote != null) {
			Long pid = (options.suitePid() != null) ? options.suitePid()
					: RemoteTarget.findSuitePid(remote.orchestratorUrl(), remote.stockUrl(), remote.receiptUrl());
			if (pid != null && options.suitePid() == null) {
				out.println("# suite pid " + pid + ": the one process listening on the three services' ports");
			}
			return new RemoteTarget(remote.orchestratorUrl(), remote.stockUrl(), remote.receiptUrl(), remote.kafka(),
					remote.apiKey(), pid);
		}
		if (options.inProcess()) {
			out.println("# starting LocalSuite in this JVM (logs: " + System.getProperty(LOG_FILE_PROPERTY) + ")");
			return LocalTarget.start(options.dataDir(), options.keepData(), options.suiteProperties());
		}
		Path jar = launcherJar(options.launcherJar());
		List<String> jvmOptions = suiteJvmOptions();
		out.println("# starting the suite process: " + jar
				+ (jvmOptions.isEmpty() ? "" : ", " + SUITE_JAVA_OPTS + " " + String.join(" ", jvmOptions))
				+ " (output: " + reportDir.resolve(SUITE_LOG) + ")");
		out.flush();
		long started = System.nanoTime();
		SuiteProcess suite = SuiteProcess.start(jar, jvmOptions, options.dataDir(), options.keepData(),
				options.suiteProperties(), reportDir.resolve(SUITE_LOG), out);
		out.printf(Locale.ROOT, "# suite process pid %d ready after %.1f s%n", suite.pid(),
				(System.nanoTime() - started) / 1e9);
		return suite;
	}

	/**
	 * The launcher's executable jar: as given, or the one in {@code launcher/target} of
	 * the working folder (run-bench.sh runs from the project's root).
	 */
	private static Path launcherJar(@Nullable Path given) {
		if (given != null) {
			if (!Files.isRegularFile(given)) {
				throw new IllegalStateException("No launcher jar at " + given.toAbsolutePath());
			}
			return given.toAbsolutePath();
		}
		List<Path> jars = new ArrayList<>();
		Path folder = Path.of("launcher", "target");
		if (Files.isDirectory(folder)) {
			try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "launcher-*-exec.jar")) {
				found.forEach(jars::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (jars.size() != 1) {
			throw new IllegalStateException("Expected one launcher/target/launcher-*-exec.jar in "
					+ Path.of("").toAbsolutePath() + ", found " + jars
					+ ": build it with ./mvnw -q -pl launcher,bench -am package -DskipTests (run-bench.sh does),"
					+ " or pass --launcher-jar=PATH");
		}
		return jars.get(0).toAbsolutePath();
	}

	/** {@code SUITE_JAVA_OPTS}, split as the shell splits an unquoted variable. */
	private static List<String> suiteJvmOptions() {
		String options = System.getenv(SUITE_JAVA_OPTS);
		return (options == null || options.isBlank()) ? List.of() : List.of(options.trim().split("\\s+"));
	}

	/**
	 * The CPU meter of the suite's JVM, where it runs on this machine and {@code jcmd}
	 * reaches it.
	 */
	private static @Nullable SuiteCpu cpuOf(SuiteTarget target, PrintStream out) {
		Long pid = target.suitePid();
		if (pid == null) {
			out.println("# the suite's CPU is not measured: --suite-pid=N names the JVM that runs all three services");
			return null;
		}
		try {
			ThreadDump.jcmd(pid, "VM.version");
		}
		catch (RuntimeException ex) {
			out.println("# the suite's CPU is not measured: " + ex.getMessage());
			return null;
		}
		return SuiteCpu.of(pid, SuiteComponents.forPorts(target.orchestratorUrl().getPort(),
				target.stockUrl().getPort(), target.receiptUrl().getPort()));
	}

	/**
	 * What every run's notes say about where the load came from.
	 */
	private static String note(SuiteTarget target, Machine machine, @Nullable SuiteCpu cpu) {
		String jvm = "JVM " + machine.jvm() + ", heap " + machine.maxHeapBytes() / (1024 * 1024) + " MiB ("
				+ machine.garbageCollectors() + ")";
		if (target.inProcess()) {
			return "IN-PROCESS DIAGNOSTIC: the load generator shares the suite's JVM and " + machine.cpus()
					+ " cpus (the suite cpu includes it); " + jvm + ", a full GC before each run";
		}
		return "client " + jvm + ", a process of its own on the same " + machine.cpus() + " cpus as the suite"
				+ ((cpu != null) ? "" : "; suite cpu not measured (--suite-pid names its JVM)");
	}

	private static String jvmOf(SuiteAdmin admin, SuiteTarget target, Machine machine) {
		String jvm = admin.jvmOf(target.orchestratorUrl());
		return (jvm != null) ? jvm : "unknown (client: " + machine.jvm() + ")";
	}

}
