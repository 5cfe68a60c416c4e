package org.checkoutsaga.bench.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.checkoutsaga.launcher.DevCredentials;
import org.checkoutsaga.launcher.LocalSuite;

/**
 * The suite as users run it (README: {@code ./run-local.sh}): the launcher's executable
 * jar in a JVM of its own, {@code java -Xmx1g <jvm options> -jar launcher-*-exec.jar
 * --suite.data-dir=<folder>}, with the Kafka broker, the three services and the dashboard
 * on their usual ports unless told otherwise. Its output goes to a log file
 * (overwritten); it counts as ready once it printed its banner, whose addresses the
 * benchmark then uses. Closing it sends SIGTERM, waits for the launcher's orderly stop,
 * and kills it if that takes too long; a shutdown hook does the same if the benchmark
 * ends early (Ctrl-C, an exception). A temporary data folder is deleted afterwards.
 */
public final class SuiteProcess implements SuiteTarget {

	/** The line of the launcher's banner that says the whole suite is up. */
	static final String READY = "checkout-saga suite is running";

	/**
	 * The launcher's own {@code suite.*} options; any other property is for the services.
	 */
	static final Set<String> LAUNCHER_OPTIONS = Set.of("kafka.port", "orchestrator.port", "stock.port", "receipt.port",
			"admin.port", "seed.items", "seed.quantity");

	private static final String HEAP = "-Xmx1g";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static final Duration STOP_GRACE = Duration.ofMinutes(2);

	private static final Pattern BANNER_LINE = Pattern
		.compile("^\\s+(orchestrator|stock|receipts|kafka|dashboard)\\s+(\\S+)");

	private final Process process;

	private final List<String> command;

	private final Path dataDir;

	private final boolean deleteData;

	private final Path logFile;

	private final Addresses addresses;

	private final Durability durability;

	private final PrintStream out;

	private final Thread stopOnExit;

	private boolean closed;

	private SuiteProcess(Process process, List<String> command, Path dataDir, boolean deleteData, Path logFile,
			Addresses addresses, Map<String, Object> suiteProperties, PrintStream out, Thread stopOnExit) {
		this.process = process;
		this.command = command;
		this.dataDir = dataDir;
		this.deleteData = deleteData;
		this.logFile = logFile;
		this.addresses = addresses;
		this.durability = durability(suiteProperties);
		this.out = out;
		this.stopOnExit = stopOnExit;
	}

	/**
	 * Start the suite and wait until it serves.
	 * @param launcherJar the launcher's executable jar
	 * @param jvmOptions options for the suite's JVM after {@code -Xmx1g} (e.g. from
	 * {@code SUITE_JAVA_OPTS})
	 * @param dataDir its data folder, null for a fresh temporary one (deleted on close
	 * unless {@code keepData})
	 * @param keepData keep a temporary data folder
	 * @param suiteProperties the launcher's options ({@link #LAUNCHER_OPTIONS}) and
	 * Spring properties for all three services
	 * @param logFile where the suite's output goes
	 * @param out where starting and stopping are reported
	 * @return the running suite
	 * @throws IllegalStateException if a port it needs is taken, or it exits or does not
	 * get ready in time
	 */
	public static SuiteProcess start(Path launcherJar, List<String> jvmOptions, @Nullable Path dataDir,
			boolean keepData, Map<String, Object> suiteProperties, Path logFile, PrintStream out) {
		List<Integer> taken = portsInUse(suiteProperties);
		if (!taken.isEmpty()) {
			throw new IllegalStateException("Port(s) " + taken + " of 127.0.0.1 are in use (is a suite running?): "
					+ "stop it, measure it with --orchestrator-url=... --stock-url=... --receipt-url=... --kafka=..., "
					+ "or give the suite other ports: --suite.kafka.port=N --suite.orchestrator.port=N --suite.stock.port=N "
					+ "--suite.receipt.port=N --suite.admin.port=N|off");
		}
		Path dir = (dataDir != null) ? dataDir.toAbsolutePath() : temporaryFolder();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = command(java, launcherJar, jvmOptions, dir, suiteProperties);
		Process process;
		try {
			Files.createDirectories(logFile.toAbsolutePath().getParent());
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + String.join(" ", command), ex);
		}
		boolean deleteData = dataDir == null && !keepData;
		Thread stopOnExit = new Thread(() -> stop(process, out, deleteData ? dir : null), "bench-suite-stop");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		Addresses addresses;
		try {
			addresses = awaitReady(process, logFile);
		}
		catch (RuntimeException ex) {
			Runtime.getRuntime().removeShutdownHook(stopOnExit);
			stop(process, out, deleteData ? dir : null);
			throw ex;
		}
		return new SuiteProcess(process, command, dir, deleteData, logFile, addresses, suiteProperties, out,
				stopOnExit);
	}

	/**
	 * The command line, as {@code run-local.sh} has it.
	 * @param java the java binary
	 * @param launcherJar the launcher's executable jar
	 * @param jvmOptions options after the heap
	 * @param dataDir the data folder
	 * @param suiteProperties launcher options and service properties
	 * @return the command
	 */
	static List<String> command(String java, Path launcherJar, List<String> jvmOptions, Path dataDir,
			Map<String, Object> suiteProperties) {
		List<String> command = new ArrayList<>();
		command.add(java);
		command.add(HEAP);
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(launcherJar.toString());
		command.add("--suite.data-dir=" + dataDir);
		suiteProperties.forEach((name, value) -> {
			if ("data-dir".equals(name)) {
				throw new IllegalArgumentException("The suite's data folder is --data-dir=DIR, not --suite.data-dir");
			}
			// the launcher takes its own options as --suite.NAME, a service property as
			// --NAME
			command.add("--" + (LAUNCHER_OPTIONS.contains(name) ? "suite." : "") + name + "=" + value);
		});
		return command;
	}

	/**
	 * The addresses in the launcher's banner, once it is printed whole.
	 * @param log the suite's output so far
	 * @return the addresses, null before the banner is complete
	 */
	static @Nullable Addresses parseBanner(String log) {
		int ready = log.lastIndexOf(READY);
		if (ready < 0) {
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		boolean complete = false;
		for (String line : log.substring(ready).split("\\R")) {
			if (line.startsWith("-----")) {
				complete = true;
				break;
			}
			Matcher matcher = BANNER_LINE.matcher(line);
			if (matcher.find()) {
				values.putIfAbsent(matcher.group(1), matcher.group(2));
			}
		}
		if (!complete || !values.keySet().containsAll(List.of("orchestrator", "stock", "receipts", "kafka"))) {
			return null;
		}
		String dashboard = values.get("dashboard");
		return new Addresses(URI.create(values.get("orchestrator")), URI.create(values.get("stock")),
				URI.create(values.get("receipts")), values.get("kafka"),
				(dashboard != null && dashboard.startsWith("http")) ? dashboard : null);
	}

	/**
	 * @return the suite's process id
	 */
	public long pid() {
		return this.process.pid();
	}

	@Override
	public Long suitePid() {
		return pid();
	}

	@Override
	public URI orchestratorUrl() {
		return this.addresses.orchestrator();
	}

	@Override
	public URI stockUrl() {
		return this.addresses.stock();
	}

	@Override
	public URI receiptUrl() {
		return this.addresses.receipt();
	}

	@Override
	public String bootstrapServers() {
		return this.addresses.kafka();
	}

	@Override
	public String apiKey() {
		return DevCredentials.TOOLS;
	}

	@Override
	public String system(String jvm) {
		return "checkout-saga (suite process: launcher jar, " + jvm + ")";
	}

	@Override
	public Durability durability() {
		return this.durability;
	}

	@Override
	public boolean inProcess() {
		return false;
	}

	@Override
	public Path databaseFolder() {
		return this.dataDir;
	}

	@Override
	public String describe() {
		return "suite process pid " + pid() + " (" + String.join(" ", this.command) + "), log " + this.logFile
				+ ", data in " + this.dataDir + (this.deleteData ? " (deleted afterwards)" : "") + ", Kafka "
				+ bootstrapServers() + ", orchestrator " + orchestratorUrl() + ", stock " + stockUrl() + ", receipt "
				+ receiptUrl() + ", dashboard "
				+ ((this.addresses.dashboard() != null) ? this.addresses.dashboard() : "off");
	}

	/**
	 * Stop the suite (SIGTERM, then SIGKILL after a grace period) and delete a temporary
	 * data folder. Safe to call more than once.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook is stopping the suite as well
		}
		stop(this.process, this.out, this.deleteData ? this.dataDir : null);
	}

	/**
	 * SIGTERM, wait, SIGKILL if the suite takes too long; then delete its data folder.
	 * Both the shutdown hook and {@link #close()} may call it, even at once.
	 */
	private static void stop(Process process, PrintStream out, @Nullable Path deleteFolder) {
		synchronized (process) {
			if (process.isAlive()) {
				long started = System.nanoTime();
				process.destroy();
				boolean stopped = waitFor(process, STOP_GRACE);
				if (!stopped) {
					process.destroyForcibly();
					waitFor(process, Duration.ofSeconds(30));
				}
				out.printf(Locale.ROOT, "# stopped the suite process (pid %d) in %.1f s%s%n", process.pid(),
						(System.nanoTime() - started) / 1e9,
						stopped ? "" : ": killed after " + STOP_GRACE.toSeconds() + " s");
			}
			if (deleteFolder != null && Files.exists(deleteFolder)) {
				LocalTarget.deleteRecursively(deleteFolder);
			}
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Addresses awaitReady(Process process, Path logFile) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (true) {
			Addresses addresses = parseBanner(read(logFile));
			if (addresses != null) {
				return addresses;
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("The suite exited with status " + process.exitValue()
						+ " before it was ready; the end of " + logFile + ":\n" + tail(logFile));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The suite was not ready within " + START_TIMEOUT.toSeconds()
						+ " s; the end of " + logFile + ":\n" + tail(logFile));
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the suite", ex);
			}
		}
	}

	/**
	 * The fixed ports the suite will listen on, as given or by the launcher's default.
	 */
	private static List<Integer> portsInUse(Map<String, Object> suiteProperties) {
		LocalSuite.Settings defaults = LocalSuite.Settings.defaults(Path.of("."));
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("kafka.port", defaults.kafkaPort());
		ports.put("orchestrator.port", defaults.orchestratorPort());
		ports.put("stock.port", defaults.stockPort());
		ports.put("receipt.port", defaults.receiptPort());
		ports.put("admin.port", defaults.adminPort());
		List<Integer> taken = new ArrayList<>();
		ports.forEach((name, fallback) -> {
			Object given = suiteProperties.get(name);
			int port = (given == null) ? fallback
					: "off".equals(given.toString().trim()) ? 0 : Integer.parseInt(given.toString().trim());
			if (port > 0 && listening(port)) {
				taken.add(port);
			}
		});
		return taken;
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * What the launcher reads is what ships, but for the properties given on the command
	 * line (the launcher itself sets only where each H2 file lives).
	 */
	private static Durability durability(Map<String, Object> suiteProperties) {
		Map<String, Function<String, String>> properties = new LinkedHashMap<>();
		for (String service : Durability.PREFIXES.keySet()) {
			Function<String, String> shipped = RemoteTarget.shipped(service);
			properties.put(service, (name) -> suiteProperties.containsKey(name)
					? String.valueOf(suiteProperties.get(name)) : shipped.apply(name));
		}
		return Durability.read(properties, "the services' yml as shipped, with the --suite.* properties given");
	}

	private static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("checkout-bench-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path logFile) {
		try {
			return Files.exists(logFile) ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String tail(Path logFile) {
		List<String> lines = read(logFile).lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/**
	 * Where the suite listens, as its banner says.
	 *
	 * @param orchestrator the orchestrator's base URL
	 * @param stock the stock service's
	 * @param receipt the receipt service's
	 * @param kafka the broker's bootstrap servers
	 * @param dashboard the dashboard's URL, null when it is off
	 */
	record Addresses(URI orchestrator, URI stock, URI receipt, String kafka, @Nullable String dashboard) {
	}

}
