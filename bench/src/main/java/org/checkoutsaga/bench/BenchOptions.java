package org.checkoutsaga.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.launcher.DevCredentials;

import org.checkoutsaga.bench.load.RunSpec;

import org.springframework.boot.convert.DurationStyle;

/**
 * The command line of the benchmark, {@code --name=value} options (see {@link #USAGE}).
 *
 * @param remote the running suite to measure, null to start the local suite
 * @param runs the measured runs, in order
 * @param warmUp checkouts in each round of the untimed warm-up, 0 for none
 * @param warmUpTime how long the warm-up repeats its rounds
 * @param seed the payloads' random seed
 * @param report the report folder
 * @param restConcurrency REST requests in flight
 * @param deadline the longest wait for a run's outcomes, null for 120 s + 20 ms per event
 * @param idle the longest wait without any outcome before a run is ended
 * @param dataDir the started suite's data folder, null for a fresh temporary one
 * @param keepData keep the temporary data folder
 * @param suiteProperties the launcher's options and extra Spring properties for the
 * started suite's services
 * @param inProcess the diagnostic mode: the suite in the benchmark's own JVM
 * @param launcherJar the launcher's executable jar the suite process runs, null to look
 * for {@code launcher/target/launcher-*-exec.jar}
 * @param suitePid the running suite's JVM, null to look for it
 */
record BenchOptions(Remote remote, List<RunSpec> runs, int warmUp, Duration warmUpTime, long seed, Path report,
		int restConcurrency, Duration deadline, Duration idle, Path dataDir, boolean keepData,
		Map<String, Object> suiteProperties, boolean inProcess, Path launcherJar, Long suitePid) {

	static final String USAGE = """
			Usage: run-bench.sh [options]        (or java -jar bench/target/bench-*-exec.jar [options])
			By default it starts the suite as users do (README: run-local.sh), in a process of its own:
			  java -Xmx1g $SUITE_JAVA_OPTS -jar launcher/target/launcher-*-exec.jar --suite.data-dir=<temp dir>
			(Kafka 9092, services 8080/8081/8082, dashboard 8090; output to <report>/suite.log), measures it
			from this JVM over Kafka and REST, reports the suite's CPU per checkout by component (jcmd
			Thread.print + /proc), and stops it (SIGTERM) at the end.
			  --runs=LIST             runs to measure, comma-separated, in order (default: all)
			                          a run is <kafka|rest>-<spread|hot|scarce>-<events>, e.g. kafka-spread-1000;
			                          groups: bursts (100/500/1000), sustained (10000/50000), scarce, all
			  --quick                 a smoke run: warm-up 20, then kafka-spread-50 and rest-spread-20
			  --warmup=N              checkouts per round of the untimed warm-up (default 2000, 0 for none)
			  --warmup-time=DURATION  rounds repeat for this long (default 300s; 0s for one round), or
			                          until the suite's JIT compiles under 10% of two rounds in a row (a suite
			                          process or --in-process; a running suite only with --suite-pid)
			  --seed=N                random seed of the payloads (default 42)
			  --report=DIR            report folder (default ./bench-report/<timestamp>)
			  --rest-concurrency=N    REST requests in flight (default 64)
			  --deadline=DURATION     longest wait for a run's outcomes (default 120s + 20ms per event)
			  --idle-timeout=DURATION end a run when no outcome came for this long (default 60s)
			  The suite it starts (a process of its own; with --in-process, this JVM):
			  --data-dir=DIR          its data folder (default: a fresh temporary folder, deleted afterwards)
			  --keep-data             keep the temporary data folder
			  --suite.NAME=VALUE      a Spring property for all three services, e.g. --suite.checkout.kafka.concurrency=4;
			                          the launcher's own options go to it as they are: --suite.orchestrator.port=N
			                          (also stock/receipt/kafka/admin.port; admin.port=off; 0 picks a free port, but
			                          then the CPU breakdown counts that service's HTTP threads as other),
			                          --suite.seed.items=N, --suite.seed.quantity=N
			  --launcher-jar=PATH     the launcher jar (default: launcher/target/launcher-*-exec.jar)
			  SUITE_JAVA_OPTS         (environment) options for the suite's JVM, after -Xmx1g
			  Against a running suite (all four together):
			  --orchestrator-url=URL --stock-url=URL --receipt-url=URL --kafka=HOST:PORT
			  --api-key=KEY           roles CHECKOUT+OPERATOR (orchestrator), STOCK_ADMIN+OPERATOR (stock),
			                          OPERATOR (receipts); default: the local run's dev-tools-key
			  --suite-pid=N           the JVM running all three services, for its CPU per checkout (default: the
			                          one process listening on the three ports, if there is one)
			  Diagnostic:
			  --in-process            the suite (LocalSuite, free ports) in this JVM, sharing its CPUs and heap
			                          with the load generator; every line it prints says so
			  --help""";

	private static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

	private static final Duration DEFAULT_WARM_UP_TIME = Duration.ofSeconds(300);

	/**
	 * @param events checkouts in a run
	 * @return how long to wait for the run's outcomes
	 */
	Duration deadlineFor(int events) {
		return (this.deadline != null) ? this.deadline : Duration.ofSeconds(120).plusMillis(20L * events);
	}

	static BenchOptions parse(String... args) {
		Map<String, String> options = new LinkedHashMap<>();
		Map<String, Object> suiteProperties = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Expected --name or --name=value, got: " + arg);
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			String value = (equals < 0) ? "" : arg.substring(equals + 1);
			if (name.startsWith("suite.")) {
				suiteProperties.put(name.substring("suite.".length()), value);
			}
			else {
				options.put(name, value);
			}
		}
		boolean quick = options.remove("quick") != null;
		String runList = options.remove("runs");
		List<RunSpec> runs = (runList == null || runList.isBlank()) ? (quick ? RunSpec.quick() : RunSpec.all())
				: RunSpec.parseList(runList);
		int warmUp = number(options.remove("warmup"), quick ? 20 : 2000);
		Duration warmUpTime = duration(options.remove("warmup-time"), quick ? Duration.ZERO : DEFAULT_WARM_UP_TIME);
		long seed = Long.parseLong(orElse(options.remove("seed"), "42"));
		String report = options.remove("report");
		Path reportDir = (report != null && !report.isBlank()) ? Path.of(report)
				: Path.of("bench-report", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
		int restConcurrency = number(options.remove("rest-concurrency"), 64);
		Duration deadline = duration(options.remove("deadline"), null);
		Duration idle = duration(options.remove("idle-timeout"), DEFAULT_IDLE);
		String dataDir = options.remove("data-dir");
		boolean keepData = options.remove("keep-data") != null;
		Remote remote = Remote.of(options.remove("orchestrator-url"), options.remove("stock-url"),
				options.remove("receipt-url"), options.remove("kafka"),
				orElse(options.remove("api-key"), DevCredentials.TOOLS));
		boolean inProcess = options.remove("in-process") != null;
		String launcherJar = options.remove("launcher-jar");
		String suitePid = options.remove("suite-pid");
		if (!options.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", options.keySet()));
		}
		if (warmUp < 0 || warmUpTime.isNegative() || restConcurrency < 1) {
			throw new IllegalArgumentException(
					"--warmup and --warmup-time must be 0 or more and --rest-concurrency 1 or more");
		}
		if (inProcess && remote != null) {
			throw new IllegalArgumentException(
					"--in-process starts a suite: it does not go with a running suite's URLs");
		}
		if (suitePid != null && (remote == null || number(suitePid, -1) < 1)) {
			throw new IllegalArgumentException("--suite-pid=N names a running suite's JVM: it goes with its URLs");
		}
		return new BenchOptions(remote, runs, warmUp, warmUpTime, seed, reportDir, restConcurrency, deadline, idle,
				(dataDir != null) ? Path.of(dataDir) : null, keepData, suiteProperties, inProcess,
				(launcherJar != null && !launcherJar.isBlank()) ? Path.of(launcherJar) : null,
				(suitePid != null) ? (long) number(suitePid, -1) : null);
	}

	private static String orElse(String value, String fallback) {
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private static int number(String value, int fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a whole number: " + value);
		}
	}

	private static Duration duration(String value, Duration fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		return DurationStyle.detectAndParse(value);
	}

	/**
	 * A running suite's addresses.
	 *
	 * @param orchestratorUrl the orchestrator
	 * @param stockUrl the stock service
	 * @param receiptUrl the receipt service
	 * @param kafka the Kafka bootstrap servers
	 * @param apiKey the API key sent to every service
	 */
	record Remote(URI orchestratorUrl, URI stockUrl, URI receiptUrl, String kafka, String apiKey) {

		static Remote of(String orchestrator, String stock, String receipt, String kafka, String apiKey) {
			int given = count(orchestrator) + count(stock) + count(receipt) + count(kafka);
			if (given == 0) {
				return null;
			}
			if (given < 4) {
				throw new IllegalArgumentException(
						"A running suite needs all of --orchestrator-url, --stock-url, --receipt-url and --kafka");
			}
			return new Remote(URI.create(orchestrator), URI.create(stock), URI.create(receipt), kafka, apiKey);
		}

		private static int count(String value) {
			return (value != null && !value.isBlank()) ? 1 : 0;
		}

	}

}
