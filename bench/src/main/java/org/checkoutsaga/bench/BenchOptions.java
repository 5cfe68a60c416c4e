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
 * @param dataDir the local suite's data folder, null for a fresh temporary one
 * @param keepData keep the temporary data folder
 * @param suiteProperties extra Spring properties for the local suite's services
 */
record BenchOptions(Remote remote, List<RunSpec> runs, int warmUp, Duration warmUpTime, long seed, Path report,
		int restConcurrency, Duration deadline, Duration idle, Path dataDir, boolean keepData,
		Map<String, Object> suiteProperties) {

	static final String USAGE = """
			Usage: run-bench.sh [options]        (or java -jar bench/target/bench-*-exec.jar [options])
			  --runs=LIST             runs to measure, comma-separated, in order (default: all)
			                          a run is <kafka|rest>-<spread|hot|scarce>-<events>, e.g. kafka-spread-1000;
			                          groups: bursts (100/500/1000), sustained (10000/50000), scarce, all
			  --quick                 a smoke run: warm-up 20, then kafka-spread-50 and rest-spread-20
			  --warmup=N              checkouts per round of the untimed warm-up (default 2000, 0 for none)
			  --warmup-time=DURATION  rounds repeat for this long (default 300s; 0s for one round), or
			                          until the suite's JIT compiles under 10% of a round (in-process suite)
			  --seed=N                random seed of the payloads (default 42)
			  --report=DIR            report folder (default ./bench-report/<timestamp>)
			  --rest-concurrency=N    REST requests in flight (default 64)
			  --deadline=DURATION     longest wait for a run's outcomes (default 120s + 20ms per event)
			  --idle-timeout=DURATION end a run when no outcome came for this long (default 60s)
			  Against a running suite (all four together; otherwise the local suite is started):
			  --orchestrator-url=URL --stock-url=URL --receipt-url=URL --kafka=HOST:PORT
			  --api-key=KEY           roles CHECKOUT+OPERATOR (orchestrator), STOCK_ADMIN+OPERATOR (stock),
			                          OPERATOR (receipts); default: the local run's dev-tools-key
			  The local suite (LocalSuite: Kafka broker + three services in this JVM, H2 files):
			  --data-dir=DIR          its data folder (default: a fresh temporary folder, deleted afterwards)
			  --keep-data             keep the temporary data folder
			  --suite.NAME=VALUE      a Spring property for all three services, e.g. --suite.checkout.kafka.concurrency=4
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
		if (!options.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", options.keySet()));
		}
		if (warmUp < 0 || warmUpTime.isNegative() || restConcurrency < 1) {
			throw new IllegalArgumentException(
					"--warmup and --warmup-time must be 0 or more and --rest-concurrency 1 or more");
		}
		return new BenchOptions(remote, runs, warmUp, warmUpTime, seed, reportDir, restConcurrency, deadline, idle,
				(dataDir != null) ? Path.of(dataDir) : null, keepData, suiteProperties);
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
