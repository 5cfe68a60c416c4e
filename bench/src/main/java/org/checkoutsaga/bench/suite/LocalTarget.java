package org.checkoutsaga.bench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.checkoutsaga.launcher.DevCredentials;

import org.checkoutsaga.launcher.LocalSuite;

import org.springframework.core.env.Environment;

/**
 * The in-process diagnostic ({@code --in-process}): {@link LocalSuite} in the benchmark's
 * own JVM, sharing its CPUs and heap with the load generator, on a fresh data folder,
 * with a real Kafka broker, H2 files and the durability settings as shipped. Every port
 * is chosen free, so a suite already running on 8080 is left alone; the catalog is not
 * seeded by the suite (each run sets its own stock through the stock API).
 */
public final class LocalTarget implements SuiteTarget {

	/** The logging configuration the services get: everything to the suite log file. */
	public static final String LOGGING_CONFIG = "classpath:bench-logback.xml";

	private final LocalSuite suite;

	private final Path dataDir;

	private final boolean deleteData;

	private final Durability durability;

	private LocalTarget(LocalSuite suite, Path dataDir, boolean deleteData) {
		this.suite = suite;
		this.dataDir = dataDir;
		this.deleteData = deleteData;
		this.durability = Durability.read(properties(), "the services' configuration as running (LocalSuite)");
	}

	/**
	 * Start the suite.
	 * @param dataDir the data folder, null for a fresh temporary one (deleted on close
	 * unless {@code keepData})
	 * @param keepData keep a temporary data folder after the run
	 * @param extraProperties Spring properties for all three services
	 * @return the running suite
	 */
	public static LocalTarget start(Path dataDir, boolean keepData, Map<String, Object> extraProperties) {
		Path dir;
		try {
			dir = (dataDir != null) ? dataDir : Files.createTempDirectory("checkout-bench-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.config", LOGGING_CONFIG);
		properties.putAll(extraProperties);
		LocalSuite suite = new LocalSuite(
				LocalSuite.Settings.randomPorts(dir).withSeed(0, 0).withPropertiesForAll(properties));
		suite.start();
		return new LocalTarget(suite, dir, dataDir == null && !keepData);
	}

	@Override
	public String apiKey() {
		return DevCredentials.TOOLS;
	}

	@Override
	public URI orchestratorUrl() {
		return URI.create(this.suite.orchestratorUrl());
	}

	@Override
	public URI stockUrl() {
		return URI.create(this.suite.stockUrl());
	}

	@Override
	public URI receiptUrl() {
		return URI.create(this.suite.receiptUrl());
	}

	@Override
	public String bootstrapServers() {
		return this.suite.bootstrapServers();
	}

	@Override
	public String system(String jvm) {
		return "checkout-saga (IN-PROCESS DIAGNOSTIC: LocalSuite, 3 services + Kafka broker in the benchmark's JVM, "
				+ jvm + ")";
	}

	@Override
	public Long suitePid() {
		return ProcessHandle.current().pid();
	}

	@Override
	public Durability durability() {
		return this.durability;
	}

	@Override
	public boolean inProcess() {
		return true;
	}

	@Override
	public Path databaseFolder() {
		return this.dataDir;
	}

	@Override
	public String describe() {
		return "IN-PROCESS DIAGNOSTIC: LocalSuite in the benchmark's JVM, data in " + this.dataDir
				+ (this.deleteData ? " (deleted afterwards)" : "") + ", Kafka " + bootstrapServers() + ", orchestrator "
				+ orchestratorUrl() + ", stock " + stockUrl() + ", receipt " + receiptUrl();
	}

	@Override
	public void close() {
		try {
			this.suite.close();
		}
		finally {
			if (this.deleteData) {
				deleteRecursively(this.dataDir);
			}
		}
	}

	private Map<String, Function<String, String>> properties() {
		Map<String, Function<String, String>> properties = new LinkedHashMap<>();
		properties.put("checkout-orchestrator", lookup(this.suite.orchestratorContext().getEnvironment()));
		properties.put("stock-entity-service", lookup(this.suite.stockContext().getEnvironment()));
		properties.put("receipt-service", lookup(this.suite.receiptContext().getEnvironment()));
		return properties;
	}

	private static Function<String, String> lookup(Environment environment) {
		return environment::getProperty;
	}

	static void deleteRecursively(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary folder is harmless
		}
	}

}
