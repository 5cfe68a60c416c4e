package org.checkoutsaga.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.checkoutsaga.launcher.check.CheckCommand;
import org.checkoutsaga.launcher.faults.FaultsCommand;

import org.checkoutsaga.support.CommonPool;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the whole suite locally with one command: a real Kafka broker in-process, H2 files
 * under a data folder, the orchestrator, stock and receipt services on 8080, 8081 and
 * 8082, and a dashboard (Spring Boot Admin) on 8090. Ctrl-C stops everything in order.
 * <p>
 * Options, as {@code --name=value} arguments or {@code -Dname=value} system properties:
 * <ul>
 * <li>{@code suite.data-dir} (default {@code ./data})</li>
 * <li>{@code suite.seed.items} (default 100) and {@code suite.seed.quantity} (default
 * 1000000): the catalog created on the first start of a data folder</li>
 * <li>{@code suite.kafka.port} (default 9092), {@code suite.orchestrator.port},
 * {@code suite.stock.port}, {@code suite.receipt.port}: 0 for any free port</li>
 * <li>{@code suite.admin.port} (default 8090): the dashboard on 127.0.0.1, 0 for any free
 * port, {@code off} for none</li>
 * </ul>
 * Any other {@code --name=value} argument is handed to all three services, e.g.
 * {@code --stock.group-commit.max-batch=1024}; each service reads its own prefix.
 * <p>
 * A first argument that is no option names another command: {@code broker} (only the
 * Kafka broker) and {@code service <orchestrator|stock|receipt>} (one service) run a part
 * of the suite in this JVM with the same options, so that the parts can run as separate
 * processes; {@code faults} runs the fault-injection suite on such processes
 * ({@link FaultsCommand}); {@code check} checks a running suite's cross-service
 * invariants ({@link CheckCommand}).
 */
public final class LauncherApplication {

	/**
	 * System property naming the process that started this one; a child ends when it
	 * does.
	 */
	public static final String PARENT_PID_PROPERTY = "launcher.parent-pid";

	/** What {@code broker} prints once the broker accepts clients. */
	public static final String BROKER_READY = "READY kafka";

	private static final String PREFIX = "suite.";

	private LauncherApplication() {
	}

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		String command = (args.length > 0 && !args[0].startsWith("-")) ? args[0] : "local";
		String[] rest = (args.length > 0 && !args[0].startsWith("-")) ? Arrays.copyOfRange(args, 1, args.length) : args;
		switch (command) {
			case "local" -> runLocal(rest);
			case "broker" -> runBroker(rest);
			case "service" -> runService(rest);
			case "faults" -> System.exit(FaultsCommand.run(rest, System.out, System.err));
			case "check" -> System.exit(CheckCommand.run(rest, System.out, System.err));
			default -> {
				System.err.println("Unknown command: " + command);
				System.err.println(usage());
				System.exit(2);
			}
		}
	}

	private static void runLocal(String[] args) {
		if (Arrays.asList(args).contains("--help")) {
			System.out.println(usage());
			return;
		}
		LocalSuite.Settings settings = settingsOrExit(args);
		LocalSuite suite = new LocalSuite(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "local-suite-shutdown"));
		try {
			suite.start();
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			System.err.println("The local suite could not start: " + ex.getMessage());
			// the shutdown hook stops whatever did start
			System.exit(1);
		}
		System.out.println(banner(suite));
		// Tomcat's and Kafka's threads keep the JVM alive until Ctrl-C.
	}

	/**
	 * {@code broker}: only the Kafka broker, on {@code suite.kafka.port} with its logs
	 * under {@code suite.data-dir}; a restart on the same folder keeps every record.
	 */
	private static void runBroker(String[] args) {
		LocalSuite.Settings settings = settingsOrExit(args);
		if (!settings.orchestratorProperties().isEmpty()) {
			exitWithUsage("The broker takes only suite.data-dir and suite.kafka.port, got: "
					+ settings.orchestratorProperties().keySet());
		}
		exitWithParent();
		KafkaBroker broker;
		try {
			broker = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
		System.out.println(BROKER_READY + " " + broker.bootstrapServers());
	}

	/**
	 * {@code service <orchestrator|stock|receipt>}: one service in this JVM, set up as in
	 * the local suite: its H2 file under {@code suite.data-dir}, the broker on
	 * {@code suite.kafka.port}, the ports of the other services for the orchestrator.
	 */
	private static void runService(String[] args) {
		if (args.length == 0 || args[0].startsWith("-")) {
			exitWithUsage("Name the service: service <orchestrator|stock|receipt> [options]");
		}
		SuiteService service;
		try {
			service = SuiteService.ofShortName(args[0]);
		}
		catch (IllegalArgumentException ex) {
			exitWithUsage(ex.getMessage());
			return;
		}
		LocalSuite.Settings settings = settingsOrExit(Arrays.copyOfRange(args, 1, args.length));
		exitWithParent();
		ConfigurableApplicationContext context;
		try {
			context = LocalSuite.runAlone(service, settings);
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(context::close, service.shortName() + "-shutdown"));
		System.out.println("READY " + service.shortName() + " "
				+ SuiteService.urlOf(context.getEnvironment().getProperty("local.server.port", Integer.class, 0)));
	}

	/**
	 * When started by another process (the fault-injection run), end with it rather than
	 * outlive it.
	 */
	private static void exitWithParent() {
		String parent = System.getProperty(PARENT_PID_PROPERTY);
		if (parent == null || parent.isBlank()) {
			return;
		}
		Runnable exit = () -> new Thread(() -> System.exit(3), "parent-gone").start();
		ProcessHandle.of(Long.parseLong(parent.trim()))
			.ifPresentOrElse((handle) -> handle.onExit().thenRun(exit), exit);
	}

	private static LocalSuite.Settings settingsOrExit(String[] args) {
		try {
			return settings(args);
		}
		catch (IllegalArgumentException ex) {
			exitWithUsage(ex.getMessage());
			return null;
		}
	}

	private static void exitWithUsage(String message) {
		System.err.println(message);
		System.err.println(usage());
		System.exit(2);
	}

	static LocalSuite.Settings settings(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith(PREFIX))
			.forEach((name) -> options.put(name, System.getProperty(name)));
		Map<String, Object> serviceProperties = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 3) {
				throw new IllegalArgumentException("Expected --name=value, got: " + arg);
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1);
			if (name.startsWith(PREFIX)) {
				options.put(name, value);
			}
			else {
				serviceProperties.put(name, value);
			}
		}
		Options parsed = new Options(options);
		LocalSuite.Settings defaults = LocalSuite.Settings.defaults(Path.of(parsed.text("data-dir", "./data")));
		LocalSuite.Settings settings = defaults.withKafkaPort(parsed.number("kafka.port", defaults.kafkaPort()))
			.withHttpPorts(parsed.number("orchestrator.port", defaults.orchestratorPort()),
					parsed.number("stock.port", defaults.stockPort()),
					parsed.number("receipt.port", defaults.receiptPort()))
			.withAdminPort(parsed.portOrOff("admin.port", defaults.adminPort()))
			.withSeed(parsed.number("seed.items", defaults.seedItems()),
					parsed.longNumber("seed.quantity", defaults.seedQuantity()))
			.withPropertiesForAll(serviceProperties);
		parsed.rejectUnknown();
		return settings;
	}

	static String banner(LocalSuite suite) {
		String line = "-".repeat(78);
		return String.join(System.lineSeparator(), "", line, " checkout-saga suite is running (Ctrl-C stops it)", "",
				"  orchestrator  " + suite.orchestratorUrl() + "   POST /checkouts, GET /checkouts/{id}",
				"  stock         " + suite.stockUrl() + "   GET /stock/{itemId}",
				"  receipts      " + suite.receiptUrl() + "   GET /receipts/{checkoutId}",
				"  kafka         " + suite.bootstrapServers() + "    topics checkout-events, checkout-results",
				"  data          " + suite.dataDir(), "  actuator      " + suite.orchestratorUrl() + "/actuator/health",
				"  dashboard     " + (suite.hasDashboard()
						? suite.dashboardUrl() + "   Spring Boot Admin: health, info, metrics of the three"
						: "off (--suite.admin.port=8090 starts it)"),
				"", " Dev API keys (Authorization: Bearer <key>; local use only):",
				"  " + DevCredentials.SHOP + "         CHECKOUT: submit and read checkouts",
				"  " + DevCredentials.OPERATOR + "     OPERATOR: metrics, listings, /actuator/sagas, stock audit",
				"  " + DevCredentials.STOCK_ADMIN + "  STOCK_ADMIN: set and restock items", "", " Try:",
				"  curl -i -X POST " + suite.orchestratorUrl() + "/checkouts \\",
				"       -H 'Authorization: Bearer " + DevCredentials.SHOP + "' -H 'Content-Type: application/json' \\",
				"       -d '{\"userId\":\"user-1\",\"items\":[{\"itemId\":\"item-0\",\"quantity\":1}]}'",
				"  curl -H 'Authorization: Bearer " + DevCredentials.SHOP + "' " + suite.stockUrl() + "/stock/item-0",
				line);
	}

	private static String usage() {
		return """
				Usage: run-local.sh [--suite.data-dir=./data] [--suite.seed.items=100] [--suite.seed.quantity=1000000]
				                    [--suite.kafka.port=9092] [--suite.orchestrator.port=8080]
				                    [--suite.stock.port=8081] [--suite.receipt.port=8082]
				                    [--suite.admin.port=8090|off] [--name=value ...]
				A port of 0 picks a free one. The catalog is seeded on the first start of a data dir only.
				suite.admin.port: the dashboard (Spring Boot Admin) on 127.0.0.1; off runs none.
				Other --name=value arguments go to all three services (e.g. --stock.group-commit.max-batch=1024).

				Other commands (java -jar launcher/target/launcher-*-exec.jar <command> ...):
				  local    [options above]            the whole suite in one JVM (the default)
				  broker   [--suite.data-dir --suite.kafka.port]   only the Kafka broker
				  service  <orchestrator|stock|receipt> [options above]   one service in this JVM
				  faults   [--seed=N --checkouts=N --scenarios=a,b --report=dir ...]   fault-injection run
				           (faults --help lists its options and scenarios)
				  check    [--orchestrator=URL --stock=URL --receipts=URL]   cross-service invariant check""";
	}

	/**
	 * The {@code suite.*} options, remembering which were read so a typo is reported
	 * instead of silently ignored.
	 */
	private static final class Options {

		private final Map<String, String> values;

		private Options(Map<String, String> values) {
			this.values = new LinkedHashMap<>(values);
		}

		String text(String name, String fallback) {
			String value = this.values.remove(PREFIX + name);
			return (value != null && !value.isBlank()) ? value.trim() : fallback;
		}

		int number(String name, int fallback) {
			long value = longNumber(name, fallback);
			if (value != (int) value) {
				throw new IllegalArgumentException(PREFIX + name + " is too large: " + value);
			}
			return (int) value;
		}

		int portOrOff(String name, int fallback) {
			if ("off".equals(this.values.get(PREFIX + name))) {
				this.values.remove(PREFIX + name);
				return LocalSuite.Settings.NO_DASHBOARD;
			}
			return number(name, fallback);
		}

		long longNumber(String name, long fallback) {
			String value = text(name, null);
			if (value == null) {
				return fallback;
			}
			try {
				return Long.parseLong(value.replace("_", ""));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(PREFIX + name + " must be a whole number, got: " + value);
			}
		}

		void rejectUnknown() {
			if (!this.values.isEmpty()) {
				throw new IllegalArgumentException("Unknown option(s): " + String.join(", ", this.values.keySet()));
			}
		}

	}

}
