package org.checkoutsaga.launcher.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.convert.DurationStyle;

/**
 * The options of a fault-injection run.
 *
 * @param seed the seed every scenario's plan is drawn from
 * @param checkouts checkouts per scenario under load
 * @param scenarios what to run, in order
 * @param reportDir where the report, the logs and the data go
 * @param outage how long the stock service stays stopped or frozen
 * @param ratePerSecond the load's pace
 * @param settleTimeout how long accepted checkouts may take to end after the load
 * @param giveUpAfter how long a client retries one checkout before it gives up
 * @param contentionItems items of stock 1 in the contention case (10 checkouts each)
 * @param maxRestInFlight REST requests under way at once
 * @param startTimeout how long a process may take to serve
 * @param jvmOptions options of every child JVM
 * @param serviceProperties {@code --name=value} properties for the three services
 */
record FaultOptions(long seed, int checkouts, List<Scenario> scenarios, Path reportDir, Duration outage,
		double ratePerSecond, Duration settleTimeout, Duration giveUpAfter, int contentionItems, int maxRestInFlight,
		Duration startTimeout, List<String> jvmOptions, List<String> serviceProperties) {

	/** The seed of a run that names none, so two runs without options plan the same. */
	static final long DEFAULT_SEED = 20261122L;

	/** The child JVMs' own options unless told otherwise. */
	static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

	FaultOptions {
		scenarios = List.copyOf(scenarios);
		jvmOptions = List.copyOf(jvmOptions);
		serviceProperties = List.copyOf(serviceProperties);
		if (checkouts < 1 || contentionItems < 1 || maxRestInFlight < 1 || ratePerSecond <= 0) {
			throw new IllegalArgumentException(
					"--checkouts, --contention-items, --max-rest-in-flight and --rate must be positive");
		}
	}

	/**
	 * Read {@code --name=value} options; anything else that starts with a service's
	 * prefix ({@code --checkout.}, {@code --stock.}, {@code --receipt.},
	 * {@code --spring.}, {@code --server.}, {@code --resilience4j.}) goes to the
	 * services.
	 * @param args the command line after {@code faults}
	 * @return the options
	 * @throws IllegalArgumentException for an unknown or malformed option
	 */
	static FaultOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> serviceProperties = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 3) {
				throw new IllegalArgumentException("Expected --name=value, got: " + arg);
			}
			String name = arg.substring(2, equals);
			if (name.matches("(checkout|stock|receipt|spring|server|resilience4j|management|logging)\\..+")) {
				serviceProperties.add(arg);
			}
			else {
				values.put(name, arg.substring(equals + 1));
			}
		}
		Options options = new Options(values);
		long seed = options.number("seed", DEFAULT_SEED);
		FaultOptions parsed = new FaultOptions(seed, (int) options.number("checkouts", 3000),
				Scenario.parse(options.text("scenarios", "all")),
				Path.of(options.text("report",
						"./data/faults-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))),
				options.duration("outage", Duration.ofSeconds(30)), options.decimal("rate", 150),
				options.duration("settle-timeout", Duration.ofMinutes(3)),
				options.duration("give-up-after", Duration.ofMinutes(2)), (int) options.number("contention-items", 100),
				(int) options.number("max-rest-in-flight", 64),
				options.duration("start-timeout", Duration.ofMinutes(2)),
				jvmOptions(options.text("jvm-options", DEFAULT_JVM_OPTIONS)), serviceProperties);
		options.rejectUnknown();
		return parsed;
	}

	/**
	 * Options of every child JVM: the serial collector (five JVMs share the cores) and an
	 * end on running out of memory, then the given ones.
	 * @param extra further options, separated by spaces; by default C1 only
	 * ({@value #DEFAULT_JVM_OPTIONS}), which starts and restarts a service about three
	 * times faster on two cores
	 * @return the options
	 */
	static List<String> jvmOptions(String extra) {
		List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
		for (String option : extra.trim().split("\\s+")) {
			if (!option.isEmpty()) {
				options.add(option);
			}
		}
		return options;
	}

	FaultOptions withReportDir(Path reportDir) {
		return new FaultOptions(this.seed, this.checkouts, this.scenarios, reportDir, this.outage, this.ratePerSecond,
				this.settleTimeout, this.giveUpAfter, this.contentionItems, this.maxRestInFlight, this.startTimeout,
				this.jvmOptions, this.serviceProperties);
	}

	static String usage() {
		return """
				Usage: launcher faults [--seed=N] [--checkouts=3000] [--scenarios=all|a,b,...] [--report=dir]
				                       [--outage=30s] [--rate=150] [--contention-items=100] [--settle-timeout=3m]
				                       [--give-up-after=2m] [--max-rest-in-flight=64] [--start-timeout=2m]
				                       [--jvm-options='-XX:TieredStopAtLevel=1' (the default)] [--checkout.x=y ...]
				Starts the Kafka broker and the three services as separate processes (logs and data under
				the report dir, by default ./data/faults-<date>-<time>), then runs each scenario on them:
				stocks its own items, submits its checkouts over REST and Kafka, injects its fault, waits
				until every accepted checkout has ended, and checks: none lost, one receipt per completed
				checkout, stock conserved, no cross-service violation. Prints one table line per scenario;
				the same seed draws the same plan. Exit status 0 when every scenario that ran passed.

				Scenarios:
				""" + scenarioList();
	}

	private static String scenarioList() {
		StringBuilder text = new StringBuilder();
		for (Scenario scenario : Scenario.values()) {
			text.append(String.format("  %-30s %s%n", scenario.label(), scenario.description()));
		}
		return text.toString();
	}

	/**
	 * The options, remembering which were read so a typo is reported.
	 */
	private static final class Options {

		private final Map<String, String> values;

		Options(Map<String, String> values) {
			this.values = new LinkedHashMap<>(values);
		}

		String text(String name, String fallback) {
			String value = this.values.remove(name);
			return (value != null && !value.isBlank()) ? value.trim() : fallback;
		}

		long number(String name, long fallback) {
			String value = text(name, null);
			try {
				return (value != null) ? Long.parseLong(value.replace("_", "")) : fallback;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " must be a whole number, got: " + value);
			}
		}

		double decimal(String name, double fallback) {
			String value = text(name, null);
			try {
				return (value != null) ? Double.parseDouble(value) : fallback;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " must be a number, got: " + value);
			}
		}

		Duration duration(String name, Duration fallback) {
			String value = text(name, null);
			try {
				return (value != null) ? DurationStyle.detectAndParse(value) : fallback;
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"--" + name + " must be a duration such as 30s or 2m, got: " + value);
			}
		}

		void rejectUnknown() {
			if (!this.values.isEmpty()) {
				throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", this.values.keySet()));
			}
		}

	}

}
