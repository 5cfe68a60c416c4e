package org.checkoutsaga.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.checkoutsaga.orchestrator.CheckoutOrchestratorApplication;
import org.checkoutsaga.receipt.ReceiptServiceApplication;
import org.checkoutsaga.stock.StockEntityServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services of the suite, and how one of them is started in a JVM that sees the
 * launcher's whole class path: the same settings whether the three share a JVM
 * ({@link LocalSuite}) or each runs in its own process ({@code launcher service <name>}).
 */
public enum SuiteService {

	/** The checkout orchestrator; needs the stock and receipt URLs. */
	ORCHESTRATOR("orchestrator", CheckoutOrchestratorApplication.NAME, CheckoutOrchestratorApplication::builder,
			CheckoutOrchestratorApplication.class, excludeAutoConfiguration(SuiteService.THYMELEAF)),

	/** The stock entity service. */
	STOCK("stock", StockEntityServiceApplication.NAME, StockEntityServiceApplication::builder,
			StockEntityServiceApplication.class, onlyOwnInfrastructure()),

	/** The receipt service. */
	RECEIPT("receipt", ReceiptServiceApplication.NAME, ReceiptServiceApplication::builder,
			ReceiptServiceApplication.class, onlyOwnInfrastructure());

	private static final String HOST = "127.0.0.1";

	/**
	 * The dashboard brings Thymeleaf onto the launcher's class path; the services render
	 * no views.
	 */
	private static final String THYMELEAF = "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration";

	private final String shortName;

	private final String serviceName;

	private final Supplier<SpringApplicationBuilder> builder;

	private final Class<?> mainClass;

	private final Map<String, Object> ownProperties;

	SuiteService(String shortName, String serviceName, Supplier<SpringApplicationBuilder> builder, Class<?> mainClass,
			Map<String, Object> ownProperties) {
		this.shortName = shortName;
		this.serviceName = serviceName;
		this.builder = builder;
		this.mainClass = mainClass;
		this.ownProperties = ownProperties;
	}

	/**
	 * The name on the launcher's command line.
	 * @return {@code orchestrator}, {@code stock} or {@code receipt}
	 */
	public String shortName() {
		return this.shortName;
	}

	/**
	 * The service's own name: its {@code spring.application.name} and H2 file name.
	 * @return e.g. {@code stock-entity-service}
	 */
	public String serviceName() {
		return this.serviceName;
	}

	/**
	 * The service named on a command line.
	 * @param shortName {@code orchestrator}, {@code stock} or {@code receipt}
	 * @return the service
	 * @throws IllegalArgumentException for any other name
	 */
	public static SuiteService ofShortName(String shortName) {
		return Arrays.stream(values())
			.filter((service) -> service.shortName.equals(shortName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown service '" + shortName + "', expected one of "
					+ Arrays.stream(values()).map(SuiteService::shortName).collect(Collectors.joining(", "))));
	}

	/**
	 * Start the service in this JVM. The caller decides when it stops: no shutdown hook
	 * is registered. It knows the {@link DevCredentials}.
	 * @param dataDir the folder holding the service's H2 file
	 * @param port its HTTP port, 0 for a free one
	 * @param bootstrapServers the Kafka broker
	 * @param wiring properties the suite sets (e.g. the URLs of the other services)
	 * @param extra properties of the user; they win over the suite's own
	 * @return the running context
	 */
	public ConfigurableApplicationContext run(Path dataDir, int port, String bootstrapServers,
			Map<String, Object> wiring, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>(this.ownProperties);
		properties.put("server.port", port);
		properties.put("spring.application.name", this.serviceName);
		// DB_CLOSE_ON_EXIT=FALSE: on SIGTERM H2's own shutdown hook would close the
		// database under requests still being answered; the context closes it after them
		properties.put("spring.datasource.url", h2Url(dataDir) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
		// Several contexts may share this JVM: no MBean name clashes, one banner (the
		// launcher's), and the launcher rather than each context decides when to stop.
		properties.put("spring.jmx.enabled", false);
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.register-shutdown-hook", false);
		// The first context would tag every log line of the JVM with its name.
		properties.put("logging.include-application-name", false);
		properties.putAll(DevCredentials.propertiesFor(this));
		properties.putAll(wiring);
		properties.putAll(extra);
		// Passed as command-line arguments: SpringApplicationBuilder.properties(...)
		// would be defaults, overridden by the port and datasource of the service's own
		// yml.
		String[] args = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return this.builder.get().main(this.mainClass).registerShutdownHook(false).run(args);
	}

	/**
	 * The base URL of a service on this host.
	 * @param port its HTTP port
	 * @return e.g. {@code http://127.0.0.1:8081}, without a trailing slash
	 */
	public static String urlOf(int port) {
		return "http://" + HOST + ":" + port;
	}

	/**
	 * The service's H2 file in a data folder.
	 * @param dataDir the data folder
	 * @return its {@code .mv.db} file
	 */
	Path h2File(Path dataDir) {
		return Path.of(h2Path(dataDir) + ".mv.db");
	}

	/**
	 * Rewrites the service's H2 file with only its current pages
	 * ({@code SHUTDOWN COMPACT}). The service must be stopped: H2 closes the database
	 * when the statement ends.
	 * @param dataDir the data folder
	 * @throws SQLException if the file cannot be opened or compacted
	 */
	void compactH2File(Path dataDir) throws SQLException {
		try (Connection connection = DriverManager.getConnection(h2Url(dataDir) + ";IFEXISTS=TRUE", "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN COMPACT");
		}
	}

	/**
	 * The JDBC URL of the service's H2 file in a data folder, without settings.
	 * @param dataDir the data folder
	 * @return {@code jdbc:h2:file:<folder>/<service>}
	 */
	String h2Url(Path dataDir) {
		return "jdbc:h2:file:" + h2Path(dataDir);
	}

	private String h2Path(Path dataDir) {
		return dataDir.toAbsolutePath().normalize().resolve(this.serviceName).toString().replace('\\', '/');
	}

	/**
	 * The stock and receipt services use neither JPA nor Kafka, but the launcher's class
	 * path holds the orchestrator's: keep them from starting Hibernate and Kafka clients.
	 */
	private static Map<String, Object> onlyOwnInfrastructure() {
		return excludeAutoConfiguration(THYMELEAF,
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
				"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration");
	}

	private static Map<String, Object> excludeAutoConfiguration(String... autoConfigurations) {
		return Map.of("spring.autoconfigure.exclude", String.join(",", autoConfigurations));
	}

}
