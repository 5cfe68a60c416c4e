package org.checkoutsaga.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.checkoutsaga.launcher.dashboard.Dashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole suite in one JVM: an in-process {@link KafkaBroker}, H2 files under one data
 * folder, and the three services as separate Spring contexts on their own ports, talking
 * to each other over real HTTP and Kafka; unless switched off, a {@link Dashboard}
 * (Spring Boot Admin) with the three services registered. Used by the launcher and by
 * end-to-end tests.
 * <p>
 * The first start on a data folder seeds the catalog ({@code item-0} ...
 * {@code item-<n-1>}); a later start keeps the stock, the sagas, the receipts and the
 * Kafka records it finds there.
 */
public final class LocalSuite implements AutoCloseable {

	/** Name (and H2 file name) of the orchestrator. */
	public static final String ORCHESTRATOR = SuiteService.ORCHESTRATOR.serviceName();

	/** Name (and H2 file name) of the stock service. */
	public static final String STOCK = SuiteService.STOCK.serviceName();

	/** Name (and H2 file name) of the receipt service. */
	public static final String RECEIPT = SuiteService.RECEIPT.serviceName();

	private static final Logger logger = LoggerFactory.getLogger(LocalSuite.class);

	private static final String SEEDED_MARKER = "catalog-seeded";

	/** Items per bulk set: the stock service takes at most 1000 by default. */
	private static final int SEED_BATCH = 500;

	private final Settings settings;

	private final Path dataDir;

	private KafkaBroker kafka;

	private ConfigurableApplicationContext stock;

	private ConfigurableApplicationContext receipt;

	private ConfigurableApplicationContext orchestrator;

	private Dashboard dashboard;

	private int stockPort;

	private int receiptPort;

	private int orchestratorPort;

	/**
	 * Create a suite that is not started yet.
	 * @param settings where and on which ports to run
	 */
	public LocalSuite(Settings settings) {
		this.settings = settings;
		this.dataDir = settings.dataDir().toAbsolutePath().normalize();
		this.orchestratorPort = settings.orchestratorPort();
	}

	/**
	 * Start Kafka, then the stock, receipt and orchestrator services, then seed the
	 * catalog if this data folder has never been seeded, then the dashboard with the
	 * three services registered. On failure whatever was started is stopped again.
	 * @return this suite, running
	 */
	public synchronized LocalSuite start() {
		if (this.kafka != null) {
			throw new IllegalStateException("The suite is already started");
		}
		long startedAt = System.nanoTime();
		try {
			Files.createDirectories(this.dataDir);
			this.kafka = KafkaBroker.start(this.dataDir.resolve("kafka"), this.settings.kafkaPort());
			this.stock = SuiteService.STOCK.run(this.dataDir, this.settings.stockPort(), bootstrapServers(), Map.of(),
					this.settings.stockProperties());
			this.stockPort = portOf(this.stock);
			this.receipt = SuiteService.RECEIPT.run(this.dataDir, this.settings.receiptPort(), bootstrapServers(),
					Map.of(), this.settings.receiptProperties());
			this.receiptPort = portOf(this.receipt);
			startOrchestrator();
			seedCatalogOnce();
			startDashboard();
		}
		catch (IOException ex) {
			throw closeAfter(new UncheckedIOException(ex));
		}
		catch (RuntimeException ex) {
			throw closeAfter(ex);
		}
		logger.info("Local suite started in {} ms (data in {})", (System.nanoTime() - startedAt) / 1_000_000,
				this.dataDir);
		return this;
	}

	/**
	 * Start the orchestrator again after {@link #stopOrchestrator()}, on the same port
	 * and data, as a restart after a crash would.
	 */
	public synchronized void startOrchestrator() {
		if (this.stock == null || this.receipt == null) {
			throw new IllegalStateException("Start the suite first");
		}
		if (this.orchestrator != null) {
			throw new IllegalStateException("The orchestrator is already running");
		}
		this.orchestrator = SuiteService.ORCHESTRATOR.run(this.dataDir, this.orchestratorPort, bootstrapServers(),
				orchestratorWiring(this.stockPort, this.receiptPort), this.settings.orchestratorProperties());
		// Keep the port a random choice landed on, so a restart answers where clients
		// look.
		this.orchestratorPort = portOf(this.orchestrator);
	}

	/**
	 * Close the orchestrator's context only; Kafka and the other services keep running.
	 */
	public synchronized void stopOrchestrator() {
		if (this.orchestrator != null) {
			this.orchestrator.close();
			this.orchestrator = null;
		}
	}

	/**
	 * Stop the dashboard, the orchestrator, the receipt and stock services, then Kafka.
	 * Safe to call more than once.
	 */
	@Override
	public synchronized void close() {
		boolean running = this.kafka != null;
		List<RuntimeException> failures = new ArrayList<>();
		stopQuietly(() -> {
			if (this.dashboard != null) {
				this.dashboard.close();
				this.dashboard = null;
			}
		}, failures);
		stopQuietly(this::stopOrchestrator, failures);
		stopQuietly(() -> this.receipt = closeContext(this.receipt), failures);
		stopQuietly(() -> this.stock = closeContext(this.stock), failures);
		stopQuietly(() -> {
			if (this.kafka != null) {
				this.kafka.close();
				this.kafka = null;
			}
		}, failures);
		if (!failures.isEmpty()) {
			RuntimeException failure = new IllegalStateException("The local suite did not stop cleanly");
			failures.forEach(failure::addSuppressed);
			throw failure;
		}
		if (running) {
			compactH2Files();
			logger.info("Local suite stopped (data kept in {})", this.dataDir);
		}
	}

	/**
	 * H2 does not compact its files while the services run ({@code WRITE_DELAY=0} stops
	 * the thread that would), so they only grow: 100,000 checkouts left 1.47 GB in the
	 * three, 77 MB once compacted. Once every service has stopped, each file is rewritten
	 * with only its current pages. A file that cannot be compacted is left as it is.
	 */
	private void compactH2Files() {
		long started = System.nanoTime();
		long before = 0;
		long after = 0;
		for (SuiteService service : SuiteService.values()) {
			Path file = service.h2File(this.dataDir);
			if (!Files.exists(file)) {
				continue;
			}
			try {
				long size = Files.size(file);
				service.compactH2File(this.dataDir);
				before += size;
				after += Files.size(file);
			}
			catch (SQLException | IOException ex) {
				logger.warn("Could not compact {}: {}", file, ex.getMessage());
			}
		}
		if (before > 0) {
			logger.info("Compacted the H2 files from {} KB to {} KB in {} ms", before / 1024, after / 1024,
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	/**
	 * The settings this suite was created with.
	 * @return the settings
	 */
	public Settings settings() {
		return this.settings;
	}

	/**
	 * The folder holding the H2 files, the Kafka logs and the seed marker.
	 * @return the absolute data folder
	 */
	public Path dataDir() {
		return this.dataDir;
	}

	/**
	 * The value for a Kafka client's {@code bootstrap.servers}.
	 * @return host:port of the broker
	 */
	public String bootstrapServers() {
		return running(this.kafka).bootstrapServers();
	}

	/**
	 * The orchestrator's context.
	 * @return the running context
	 */
	public ConfigurableApplicationContext orchestratorContext() {
		return running(this.orchestrator);
	}

	/**
	 * The stock service's context.
	 * @return the running context
	 */
	public ConfigurableApplicationContext stockContext() {
		return running(this.stock);
	}

	/**
	 * The receipt service's context.
	 * @return the running context
	 */
	public ConfigurableApplicationContext receiptContext() {
		return running(this.receipt);
	}

	/**
	 * The orchestrator's HTTP port, kept across {@link #stopOrchestrator()}.
	 * @return the port
	 */
	public int orchestratorPort() {
		return this.orchestratorPort;
	}

	/**
	 * The stock service's HTTP port.
	 * @return the port
	 */
	public int stockPort() {
		return this.stockPort;
	}

	/**
	 * The receipt service's HTTP port.
	 * @return the port
	 */
	public int receiptPort() {
		return this.receiptPort;
	}

	/**
	 * The orchestrator's base URL, e.g. {@code http://127.0.0.1:8080}.
	 * @return the URL, without a trailing slash
	 */
	public String orchestratorUrl() {
		return urlOf(this.orchestratorPort);
	}

	/**
	 * The stock service's base URL.
	 * @return the URL, without a trailing slash
	 */
	public String stockUrl() {
		return urlOf(this.stockPort);
	}

	/**
	 * The receipt service's base URL.
	 * @return the URL, without a trailing slash
	 */
	public String receiptUrl() {
		return urlOf(this.receiptPort);
	}

	/**
	 * Whether the suite runs a dashboard: see {@link Settings#adminPort()}.
	 * @return {@code true} when the dashboard is running
	 */
	public boolean hasDashboard() {
		return this.dashboard != null;
	}

	/**
	 * The dashboard's (Spring Boot Admin's) address for a browser.
	 * @return e.g. {@code http://127.0.0.1:8090}, without a trailing slash
	 * @throws IllegalStateException when the suite runs no dashboard
	 */
	public String dashboardUrl() {
		return running(this.dashboard).url();
	}

	/**
	 * Start one service of the suite in this JVM, set up as {@link #start()} sets it up,
	 * for a suite whose parts run as separate processes: the broker on
	 * {@code 127.0.0.1:<kafkaPort>}, the other services on their ports of the settings
	 * (none of which may be 0). The catalog is not seeded.
	 * @param service the service
	 * @param settings the data folder, the ports, the service's extra properties
	 * @return the running context; the caller closes it
	 */
	public static ConfigurableApplicationContext runAlone(SuiteService service, Settings settings) {
		if (settings.kafkaPort() == 0 || settings.orchestratorPort() == 0 || settings.stockPort() == 0
				|| settings.receiptPort() == 0) {
			throw new IllegalArgumentException("A service alone needs every port of the suite, none may be 0");
		}
		Path dataDir = settings.dataDir().toAbsolutePath().normalize();
		try {
			Files.createDirectories(dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String bootstrapServers = "127.0.0.1:" + settings.kafkaPort();
		return switch (service) {
			case ORCHESTRATOR -> service.run(dataDir, settings.orchestratorPort(), bootstrapServers,
					orchestratorWiring(settings.stockPort(), settings.receiptPort()),
					settings.orchestratorProperties());
			case STOCK ->
				service.run(dataDir, settings.stockPort(), bootstrapServers, Map.of(), settings.stockProperties());
			case RECEIPT ->
				service.run(dataDir, settings.receiptPort(), bootstrapServers, Map.of(), settings.receiptProperties());
		};
	}

	/**
	 * What the orchestrator needs to find the other two services.
	 * @param stockPort the stock service's HTTP port on this host
	 * @param receiptPort the receipt service's HTTP port on this host
	 * @return the orchestrator's {@code checkout.*-url} properties
	 */
	static Map<String, Object> orchestratorWiring(int stockPort, int receiptPort) {
		return Map.of("checkout.stock-url", SuiteService.urlOf(stockPort), "checkout.receipt-url",
				SuiteService.urlOf(receiptPort));
	}

	/**
	 * The orchestrator keeps its port across a restart, so its registration stays valid:
	 * while it is stopped the dashboard shows it OFFLINE.
	 */
	private void startDashboard() {
		if (this.settings.adminPort() == Settings.NO_DASHBOARD) {
			return;
		}
		this.dashboard = Dashboard.start(this.settings.adminPort());
		this.dashboard.register(ORCHESTRATOR, orchestratorUrl());
		this.dashboard.register(STOCK, stockUrl());
		this.dashboard.register(RECEIPT, receiptUrl());
	}

	private void seedCatalogOnce() throws IOException {
		Path marker = this.dataDir.resolve(SEEDED_MARKER);
		if (this.settings.seedItems() == 0 || Files.exists(marker)) {
			return;
		}
		HttpClient http = HttpClient.newHttpClient();
		for (int from = 0; from < this.settings.seedItems(); from += SEED_BATCH) {
			seed(http, from, Math.min(from + SEED_BATCH, this.settings.seedItems()));
		}
		Files.writeString(marker, this.settings.seedItems() + " items x " + this.settings.seedQuantity() + "\n");
		logger.info("Seeded item-0..item-{} with {} units each", this.settings.seedItems() - 1,
				this.settings.seedQuantity());
	}

	private void seed(HttpClient http, int from, int to) throws IOException {
		String items = IntStream.range(from, to)
			.mapToObj((i) -> "\"item-" + i + "\":" + this.settings.seedQuantity())
			.collect(Collectors.joining(","));
		HttpRequest request = HttpRequest.newBuilder(URI.create(stockUrl() + "/stock"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + DevCredentials.TOOLS)
			.PUT(HttpRequest.BodyPublishers.ofString("{\"items\":{" + items + "}}"))
			.build();
		HttpResponse<String> response = send(http, request);
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"Seeding the catalog failed with HTTP " + response.statusCode() + ": " + response.body());
		}
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while seeding the catalog", ex);
		}
	}

	private RuntimeException closeAfter(RuntimeException failure) {
		try {
			close();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
		return failure;
	}

	private static int portOf(ConfigurableApplicationContext context) {
		Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException(context.getId() + " has no web server port");
		}
		return port;
	}

	private static String urlOf(int port) {
		return SuiteService.urlOf(port);
	}

	private static ConfigurableApplicationContext closeContext(ConfigurableApplicationContext context) {
		if (context != null) {
			context.close();
		}
		return null;
	}

	private static void stopQuietly(Runnable stop, List<RuntimeException> failures) {
		try {
			stop.run();
		}
		catch (RuntimeException ex) {
			failures.add(ex);
		}
	}

	private static <T> T running(T part) {
		if (part == null) {
			throw new IllegalStateException("Not running");
		}
		return part;
	}

	/**
	 * Where and how the suite runs. A port of 0 means a free port chosen at start.
	 *
	 * @param dataDir the folder for the H2 files and the Kafka logs
	 * @param kafkaPort the broker's client port on 127.0.0.1
	 * @param orchestratorPort the orchestrator's HTTP port
	 * @param stockPort the stock service's HTTP port
	 * @param receiptPort the receipt service's HTTP port
	 * @param adminPort the dashboard's (Spring Boot Admin's) HTTP port on 127.0.0.1,
	 * {@link #NO_DASHBOARD} for none
	 * @param seedItems how many items ({@code item-0} ...) the first start creates, 0 for
	 * none
	 * @param seedQuantity the stock of each seeded item
	 * @param orchestratorProperties extra Spring properties of the orchestrator; they win
	 * over the suite's own
	 * @param stockProperties extra Spring properties of the stock service
	 * @param receiptProperties extra Spring properties of the receipt service
	 */
	public record Settings(Path dataDir, int kafkaPort, int orchestratorPort, int stockPort, int receiptPort,
			int adminPort, int seedItems, long seedQuantity, Map<String, Object> orchestratorProperties,
			Map<String, Object> stockProperties, Map<String, Object> receiptProperties) {

		/** Items in the default catalog. */
		public static final int DEFAULT_SEED_ITEMS = 100;

		/** Stock of each item in the default catalog. */
		public static final long DEFAULT_SEED_QUANTITY = 1_000_000;

		/** The dashboard's port by default. */
		public static final int DEFAULT_ADMIN_PORT = 8090;

		/** An {@link #adminPort()} that runs no dashboard. */
		public static final int NO_DASHBOARD = -1;

		public Settings {
			if (dataDir == null) {
				throw new IllegalArgumentException("dataDir is required");
			}
			requirePort("kafkaPort", kafkaPort);
			requirePort("orchestratorPort", orchestratorPort);
			requirePort("stockPort", stockPort);
			requirePort("receiptPort", receiptPort);
			if (adminPort != NO_DASHBOARD) {
				requirePort("adminPort", adminPort);
			}
			if (seedItems < 0 || seedQuantity < 0) {
				throw new IllegalArgumentException("seedItems and seedQuantity must not be negative");
			}
			orchestratorProperties = (orchestratorProperties != null) ? Map.copyOf(orchestratorProperties) : Map.of();
			stockProperties = (stockProperties != null) ? Map.copyOf(stockProperties) : Map.of();
			receiptProperties = (receiptProperties != null) ? Map.copyOf(receiptProperties) : Map.of();
		}

		/**
		 * The usual local run: Kafka on 9092, the services on 8080, 8081, 8082, the
		 * dashboard on 8090, the default catalog.
		 * @param dataDir the data folder
		 * @return the settings
		 */
		public static Settings defaults(Path dataDir) {
			return new Settings(dataDir, KafkaBroker.DEFAULT_PORT, 8080, 8081, 8082, DEFAULT_ADMIN_PORT,
					DEFAULT_SEED_ITEMS, DEFAULT_SEED_QUANTITY, Map.of(), Map.of(), Map.of());
		}

		/**
		 * Every port chosen free at start, for tests that run beside other processes; no
		 * dashboard ({@code withAdminPort(0)} adds one).
		 * @param dataDir the data folder
		 * @return the settings
		 */
		public static Settings randomPorts(Path dataDir) {
			return defaults(dataDir).withKafkaPort(0).withHttpPorts(0, 0, 0).withAdminPort(NO_DASHBOARD);
		}

		public Settings withKafkaPort(int port) {
			return new Settings(this.dataDir, port, this.orchestratorPort, this.stockPort, this.receiptPort,
					this.adminPort, this.seedItems, this.seedQuantity, this.orchestratorProperties,
					this.stockProperties, this.receiptProperties);
		}

		public Settings withHttpPorts(int orchestrator, int stock, int receipt) {
			return new Settings(this.dataDir, this.kafkaPort, orchestrator, stock, receipt, this.adminPort,
					this.seedItems, this.seedQuantity, this.orchestratorProperties, this.stockProperties,
					this.receiptProperties);
		}

		/**
		 * @param port the dashboard's port, 0 for a free one, {@link #NO_DASHBOARD} for
		 * none
		 * @return the settings
		 */
		public Settings withAdminPort(int port) {
			return new Settings(this.dataDir, this.kafkaPort, this.orchestratorPort, this.stockPort, this.receiptPort,
					port, this.seedItems, this.seedQuantity, this.orchestratorProperties, this.stockProperties,
					this.receiptProperties);
		}

		public Settings withSeed(int items, long quantity) {
			return new Settings(this.dataDir, this.kafkaPort, this.orchestratorPort, this.stockPort, this.receiptPort,
					this.adminPort, items, quantity, this.orchestratorProperties, this.stockProperties,
					this.receiptProperties);
		}

		public Settings withOrchestratorProperties(Map<String, Object> properties) {
			return new Settings(this.dataDir, this.kafkaPort, this.orchestratorPort, this.stockPort, this.receiptPort,
					this.adminPort, this.seedItems, this.seedQuantity, properties, this.stockProperties,
					this.receiptProperties);
		}

		public Settings withStockProperties(Map<String, Object> properties) {
			return new Settings(this.dataDir, this.kafkaPort, this.orchestratorPort, this.stockPort, this.receiptPort,
					this.adminPort, this.seedItems, this.seedQuantity, this.orchestratorProperties, properties,
					this.receiptProperties);
		}

		public Settings withReceiptProperties(Map<String, Object> properties) {
			return new Settings(this.dataDir, this.kafkaPort, this.orchestratorPort, this.stockPort, this.receiptPort,
					this.adminPort, this.seedItems, this.seedQuantity, this.orchestratorProperties,
					this.stockProperties, properties);
		}

		/**
		 * Add the same extra properties to all three services, e.g. from the command
		 * line; properties already set per service win.
		 * @param properties the properties
		 * @return the settings
		 */
		public Settings withPropertiesForAll(Map<String, Object> properties) {
			return withOrchestratorProperties(merge(properties, this.orchestratorProperties))
				.withStockProperties(merge(properties, this.stockProperties))
				.withReceiptProperties(merge(properties, this.receiptProperties));
		}

		private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> winners) {
			Map<String, Object> merged = new LinkedHashMap<>(base);
			merged.putAll(winners);
			return merged;
		}

		private static void requirePort(String name, int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException(name + " must be 0 (any free port) or a TCP port: " + port);
			}
		}

	}

}
