package org.checkoutsaga.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.orchestrator.CheckoutOrchestratorApplication;
import org.checkoutsaga.receipt.ReceiptServiceApplication;
import org.checkoutsaga.stock.StockEntityServiceApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of {@code docker-compose.yml}, checked without Docker: health checks and
 * start order, ports against each service's {@code server.port}, the environment as the
 * services bind it (their {@code <service>.yml} with the compose environment on top,
 * through Spring Boot's relaxed binding), the databases against
 * {@code docker/postgres/init-databases.sql}, Prometheus' scrape targets and Grafana's
 * provisioned datasource and dashboard, whose queries may use only known metrics.
 */
class DockerComposeFileTests {

	private static final Path ROOT = repositoryRoot();

	private static final String ORCHESTRATOR = CheckoutOrchestratorApplication.NAME;

	private static final String STOCK = StockEntityServiceApplication.NAME;

	private static final String RECEIPTS = ReceiptServiceApplication.NAME;

	private static final List<String> APPLICATIONS = List.of(ORCHESTRATOR, STOCK, RECEIPTS);

	/** The metric families the dashboard may and must show, as Prometheus names them. */
	private static final Set<String> SUITE_METRICS = Set.of("checkout_started_total", "checkout_finished_total",
			"checkout_latency_seconds", "checkout_sagas_running", "checkout_sagas_unfinished", "checkout_sagas_stuck",
			"checkout_sagas_oldest_age_seconds", "checkout_step_seconds", "checkout_dead_letters_total",
			"groupcommit_batch_size", "groupcommit_commit_seconds", "stock_operations_total",
			"checkout_e2e_latency_seconds", "resilience4j_circuitbreaker_state", "resilience4j_retry_calls_total",
			"kafka_consumer_fetch_manager_records_lag_max", "http_server_requests_seconds",
			"http_client_requests_seconds", "checkout_stage_seconds", "groupcommit_queue_wait_seconds",
			"groupcommit_sync_seconds", "stock_mailbox_wait_seconds");

	/** Prefixes of the standard JVM, process and HTTP metrics, also allowed. */
	private static final List<String> STANDARD_PREFIXES = List.of("jvm_", "process_", "http_");

	/** Series a timer or distribution summary adds to its family's name. */
	private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

	private final Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));

	@Test
	void everyServiceHasAHealthCheckAndARestartPolicy() {
		assertThat(services().keySet()).contains("kafka", "postgres", "prometheus", "grafana")
			.containsAll(APPLICATIONS);
		services().forEach((name, service) -> {
			Map<String, Object> healthcheck = map(service.get("healthcheck"));
			assertThat(healthcheck).as("%s healthcheck", name).doesNotContainEntry("disable", true);
			assertThat(strings(healthcheck.get("test"))).as("%s healthcheck test", name)
				.isNotEmpty()
				.doesNotContain("NONE");
			assertThat(healthcheck).as("%s healthcheck", name).containsKeys("interval", "retries");
			assertThat(service.get("restart")).as("%s restart", name).isIn("always", "unless-stopped", "on-failure");
		});
	}

	@Test
	void applicationsProbeTheirReadinessOnTheirServerPortWithACurlTheImageHas() throws IOException {
		for (String name : APPLICATIONS) {
			ServiceConfig config = config(name);
			List<String> test = strings(map(service(name).get("healthcheck")).get("test"));
			assertThat(test).as("%s healthcheck", name)
				.containsSubsequence("CMD", "curl")
				.contains("http://localhost:" + config.serverPort() + "/actuator/health/readiness");
			assertThat(config.binder().bind("management.endpoint.health.probes.enabled", Boolean.class).orElse(false))
				.as("%s has a readiness group (management.endpoint.health.probes.enabled)", name)
				.isTrue();
			Map<String, Object> build = map(service(name).get("build"));
			assertThat(map(build.get("args"))).as("%s build args", name).containsEntry("SERVICE", name);
			String dockerfile = Files.readString(ROOT.resolve(String.valueOf(build.getOrDefault("context", ".")))
				.resolve(String.valueOf(build.get("dockerfile"))));
			String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
			assertThat(runtimeStage).as("%s image's last stage installs curl", name)
				.containsPattern("install[^\\n]*\\bcurl\\b");
			assertThat(environment(name).get("JAVA_TOOL_OPTIONS")).as("%s heap", name).contains("-Xmx");
		}
	}

	@Test
	void applicationsStartOnlyOnceTheirDatabaseAndBrokerAreHealthy() throws IOException {
		for (String name : APPLICATIONS) {
			Map<String, String> dependsOn = dependsOn(name);
			assertThat(dependsOn).as("%s depends_on", name).containsEntry("postgres", "service_healthy");
			if (usesKafka(name)) {
				assertThat(dependsOn).as("%s depends_on", name).containsEntry("kafka", "service_healthy");
				KafkaProperties kafka = config(name).binder().bind("spring.kafka", KafkaProperties.class).get();
				assertThat(kafka.buildConsumerProperties()).as("%s consumer", name)
					.containsEntry("bootstrap.servers", List.of(internalKafkaListener()));
			}
		}
		assertThat(usesKafka(ORCHESTRATOR)).isTrue();
	}

	@Test
	void orchestratorStartsOnlyOnceStockAndReceiptsAreHealthy() {
		assertThat(dependsOn(ORCHESTRATOR)).containsEntry(STOCK, "service_healthy")
			.containsEntry(RECEIPTS, "service_healthy");
	}

	@Test
	void publishedPortsAreUniqueAndApplicationsPublishTheirServerPort() {
		List<Integer> published = services().keySet()
			.stream()
			.flatMap((name) -> ports(name).stream())
			.map(PortMapping::published)
			.toList();
		assertThat(published).doesNotHaveDuplicates().doesNotContainNull();
		for (String name : APPLICATIONS) {
			int serverPort = config(name).serverPort();
			assertThat(ports(name)).as("%s ports", name).contains(new PortMapping(serverPort, serverPort));
		}
	}

	@Test
	void orchestratorCallsStockAndReceiptsByServiceNameOnTheirServerPorts() {
		Binder binder = config(ORCHESTRATOR).binder();
		URI stock = URI.create(binder.bind("checkout.stock-url", String.class).get());
		URI receipts = URI.create(binder.bind("checkout.receipt-url", String.class).get());

		assertThat(stock.getHost()).isEqualTo(STOCK);
		assertThat(stock.getPort()).isEqualTo(config(STOCK).serverPort());
		assertThat(receipts.getHost()).isEqualTo(RECEIPTS);
		assertThat(receipts.getPort()).isEqualTo(config(RECEIPTS).serverPort());
	}

	@Test
	void orchestratorKeepsAStaticKafkaMembershipBesideItsConfiguredConsumerProperties() {
		KafkaProperties kafka = config(ORCHESTRATOR).binder().bind("spring.kafka", KafkaProperties.class).get();
		Map<String, Object> consumer = kafka.buildConsumerProperties();

		assertThat(consumer.get("group.instance.id")).asString().isNotBlank();
		// merged into the properties of checkout-orchestrator.yml, not replacing them
		assertThat(consumer).containsEntry("session.timeout.ms", "10000");
	}

	@Test
	void everyApplicationUsesItsOwnDatabaseThatTheInitScriptCreates() throws IOException {
		Path script = ROOT.resolve("docker/postgres/init-databases.sql");
		Set<String> created = matches(Pattern.compile("(?i)CREATE DATABASE\\s+(\\w+)"), Files.readString(script));
		assertThat(hostPath("postgres", "/docker-entrypoint-initdb.d/init-databases.sql")).contains(script);
		Map<String, String> postgres = environment("postgres");
		int postgresPort = Integer.parseInt(postgres.getOrDefault("PGPORT", "5432"));

		Set<String> used = new LinkedHashSet<>();
		for (String name : APPLICATIONS) {
			assertThat(environment(name).get("SPRING_PROFILES_ACTIVE")).as("%s profiles", name).contains("postgres");
			Binder binder = config(name).binder();
			String url = binder.bind("spring.datasource.url", String.class).get();
			assertThat(url).as("%s datasource", name).startsWith("jdbc:postgresql://");
			URI database = URI.create(url.substring("jdbc:".length()));
			assertThat(database.getHost()).as("%s database host", name).isEqualTo("postgres");
			assertThat((database.getPort() != -1) ? database.getPort() : 5432).as("%s database port", name)
				.isEqualTo(postgresPort);
			String databaseName = database.getPath().substring(1);
			assertThat(created).as("databases of the init script").contains(databaseName);
			used.add(databaseName);
			assertThat(binder.bind("spring.datasource.username", String.class).get()).as("%s user", name)
				.isEqualTo(postgres.get("POSTGRES_USER"));
			assertThat(binder.bind("spring.datasource.password", String.class).get()).as("%s password", name)
				.isEqualTo(postgres.get("POSTGRES_PASSWORD"));
		}
		assertThat(used).as("one database per service").hasSize(APPLICATIONS.size());
	}

	@Test
	void applicationsExposePrometheusMetricsTaggedWithTheirServiceName() {
		for (String name : APPLICATIONS) {
			Binder binder = config(name).binder();
			assertThat(
					binder.bind("management.metrics.tags", Bindable.mapOf(String.class, String.class)).orElse(Map.of()))
				.as("%s metric tags", name)
				.containsEntry("service", name);
			assertThat(binder.bind("management.endpoints.web.exposure.include", Bindable.setOf(String.class))
				.orElse(Set.of())).as("%s exposed endpoints", name).containsAnyOf("prometheus", "*");
		}
	}

	@Test
	void prometheusScrapesEveryApplicationAtActuatorPrometheusOnItsServerPort() {
		String configFile = strings(service("prometheus").get("command")).stream()
			.filter((argument) -> argument.startsWith("--config.file="))
			.map((argument) -> argument.substring("--config.file=".length()))
			.findFirst()
			.orElse("/etc/prometheus/prometheus.yml");
		Path prometheusYml = hostPath("prometheus", configFile)
			.orElseThrow(() -> new AssertionError("No bind mount of prometheus shows " + configFile));
		assertThat(prometheusYml).isEqualTo(ROOT.resolve("docker/prometheus/prometheus.yml"));

		Map<String, String> pathByTarget = new HashMap<>();
		for (Object job : list(yaml(prometheusYml).get("scrape_configs"))) {
			Map<String, Object> scrape = map(job);
			for (Object staticConfig : list(scrape.get("static_configs"))) {
				for (String target : strings(map(staticConfig).get("targets"))) {
					pathByTarget.put(target, String.valueOf(scrape.getOrDefault("metrics_path", "/metrics")));
				}
			}
		}
		for (String name : APPLICATIONS) {
			assertThat(pathByTarget).as("scrape targets")
				.containsEntry(name + ":" + config(name).serverPort(), "/actuator/prometheus");
		}
	}

	@Test
	void everyApplicationKnowsTheKeysOfItsCallersAndPrometheusScrapesWithTheOperatorKey() {
		String operatorKey = environment("prometheus").get("OPERATOR_API_KEY");
		assertThat(operatorKey).as("prometheus's operator key").startsWith("${OPERATOR_API_KEY");
		Map<String, String> prefixes = Map.of(ORCHESTRATOR, "CHECKOUT", STOCK, "STOCK", RECEIPTS, "RECEIPT");
		for (String name : APPLICATIONS) {
			Map<String, String> environment = environment(name);
			String clients = prefixes.get(name) + "_SECURITY_CLIENTS_";
			assertThat(environment).as("%s clients", name)
				.containsEntry(clients + "OPERATOR_KEY", operatorKey)
				.containsEntry(clients + "OPERATOR_ROLES", "OPERATOR");
			if (!name.equals(ORCHESTRATOR)) {
				assertThat(environment).as("%s clients", name)
					.containsEntry(clients + "ORCHESTRATOR_KEY",
							environment(ORCHESTRATOR).get("CHECKOUT_CALLS_API_KEY"))
					.containsEntry(clients + "ORCHESTRATOR_ROLES", "SERVICE");
			}
		}
		assertThat(environment(ORCHESTRATOR)).containsEntry("CHECKOUT_SECURITY_CLIENTS_SHOP_ROLES", "CHECKOUT");
		assertThat(environment(STOCK)).containsEntry("STOCK_SECURITY_CLIENTS_INVENTORY_ROLES", "STOCK_ADMIN");

		String command = String.join(" ", strings(service("prometheus").get("command")));
		for (Object job : list(yaml(ROOT.resolve("docker/prometheus/prometheus.yml")).get("scrape_configs"))) {
			String credentials = String.valueOf(map(map(job).get("authorization")).get("credentials_file"));
			assertThat(command).as("prometheus writes the key file %s", credentials)
				.contains("\"$$OPERATOR_API_KEY\" > " + credentials);
		}
	}

	@Test
	void grafanaProvisionsPrometheusAndTheCheckoutDashboard() {
		Path provisioning = hostPath("grafana", "/etc/grafana/provisioning")
			.orElseThrow(() -> new AssertionError("No bind mount of grafana shows /etc/grafana/provisioning"));
		int prometheusPort = ports("prometheus").get(0).target();

		List<Map<String, Object>> datasources = yamlFiles(provisioning.resolve("datasources"))
			.flatMap((file) -> list(yaml(file).get("datasources")).stream().map(DockerComposeFileTests::map))
			.toList();
		assertThat(datasources).singleElement().satisfies((datasource) -> {
			assertThat(datasource).containsEntry("type", "prometheus")
				.containsEntry("uid", "prometheus")
				.containsEntry("url", "http://prometheus:" + prometheusPort);
		});

		Set<Path> dashboards = yamlFiles(provisioning.resolve("dashboards"))
			.flatMap((file) -> list(yaml(file).get("providers")).stream())
			.map((provider) -> String.valueOf(map(map(provider).get("options")).get("path")))
			.map((path) -> hostPath("grafana", path)
				.orElseThrow(() -> new AssertionError("No bind mount of grafana shows " + path)))
			.flatMap(DockerComposeFileTests::jsonFiles)
			.collect(Collectors.toSet());
		assertThat(dashboards).containsExactly(dashboardFile());
		assertThat(hostPath("grafana", environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))
			.contains(dashboardFile());
	}

	@Test
	void dashboardQueriesUseTheProvisionedDatasourceAndOnlyKnownMetrics() {
		List<JsonNode> panels = panels(JsonMapper.builder().build().readTree(dashboardFile().toFile()));
		Set<String> families = new TreeSet<>();
		Set<String> services = new TreeSet<>();
		for (JsonNode panel : panels) {
			String title = panel.path("title").asString();
			assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("prometheus");
			assertThat(panel.path("targets")).as("%s queries", title).isNotEmpty();
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString();
				assertThat(target.path("datasource").path("uid").asString()).as(title).isEqualTo("prometheus");
				Set<String> names = metricNames(expr);
				assertThat(names).as("metrics of %s: %s", title, expr).isNotEmpty();
				names.forEach((metric) -> assertThat(family(metric)).as("%s in %s", metric, title).isPresent());
				names.stream().map(DockerComposeFileTests::family).flatMap(Optional::stream).forEach(families::add);
				services.addAll(matches(Pattern.compile("\\bservice\\s*=~?\\s*\"([^\"]*)\""), expr));
			}
		}
		assertThat(families).as("metric families shown").containsAll(SUITE_METRICS);
		assertThat(APPLICATIONS).as("services selected by the queries").containsAll(services);
	}

	@Test
	void extractsMetricNamesFromPromQl() {
		assertThat(metricNames("histogram_quantile(0.99, sum by (le) "
				+ "(rate(checkout_latency_seconds_bucket{service=\"checkout-orchestrator\", le!=\"1e3\"}"
				+ "[$__rate_interval])))"))
			.containsExactly("checkout_latency_seconds_bucket");
		assertThat(metricNames("sum by (step) (rate(checkout_step_seconds_sum[5m] offset 1h)) "
				+ "/ on (step) sum(rate(checkout_step_seconds_count[5m])) by (step) > 1e-3"))
			.containsExactlyInAnyOrder("checkout_step_seconds_sum", "checkout_step_seconds_count");
		assertThat(metricNames("max by (name, state) (resilience4j_circuitbreaker_state) == 1 and up"))
			.containsExactlyInAnyOrder("resilience4j_circuitbreaker_state", "up");
		assertThat(family("checkout_latency_seconds_bucket")).contains("checkout_latency_seconds");
		assertThat(family("http_server_requests_seconds_count")).contains("http_server_requests_seconds");
		assertThat(family("jvm_memory_used_bytes")).contains("jvm_memory_used_bytes");
		assertThat(family("checkout_latency_bucket")).isEmpty();
		assertThat(family("up")).isEmpty();
	}

	// --- the compose file

	private Map<String, Map<String, Object>> services() {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(this.compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
		return services;
	}

	private Map<String, Object> service(String name) {
		assertThat(services()).as("compose services").containsKey(name);
		return services().get(name);
	}

	/** A service's environment, in either of compose's two forms. */
	private Map<String, String> environment(String name) {
		Object environment = service(name).get("environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> variables.put(String.valueOf(key), String.valueOf(value)));
		}
		else {
			for (String entry : strings(environment)) {
				String[] pair = entry.split("=", 2);
				variables.put(pair[0], (pair.length > 1) ? pair[1] : "");
			}
		}
		return variables;
	}

	/** depends_on as service name to condition; the short form means service_started. */
	private Map<String, String> dependsOn(String name) {
		Object dependsOn = service(name).get("depends_on");
		Map<String, String> conditions = new LinkedHashMap<>();
		if (dependsOn instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> conditions.put(String.valueOf(key),
					String.valueOf(map(value).getOrDefault("condition", "service_started"))));
		}
		else {
			strings(dependsOn).forEach((dependency) -> conditions.put(dependency, "service_started"));
		}
		return conditions;
	}

	private List<PortMapping> ports(String name) {
		List<PortMapping> mappings = new ArrayList<>();
		for (Object port : list(service(name).get("ports"))) {
			if (port instanceof Map<?, ?> longSyntax) {
				mappings.add(new PortMapping(Integer.valueOf(String.valueOf(longSyntax.get("published"))),
						Integer.parseInt(String.valueOf(longSyntax.get("target")))));
			}
			else {
				String[] parts = String.valueOf(port).replaceFirst("/\\w+$", "").split(":");
				int target = Integer.parseInt(parts[parts.length - 1]);
				mappings
					.add(new PortMapping((parts.length > 1) ? Integer.valueOf(parts[parts.length - 2]) : null, target));
			}
		}
		return mappings;
	}

	/** The file or directory on the host that a bind mount shows at a container path. */
	private Optional<Path> hostPath(String name, String containerPath) {
		for (String volume : strings(service(name).get("volumes"))) {
			String[] parts = volume.split(":");
			if (parts.length < 2 || !(parts[0].startsWith(".") || parts[0].startsWith("/"))) {
				continue;
			}
			if (containerPath.equals(parts[1]) || containerPath.startsWith(parts[1] + "/")) {
				Path path = ROOT.resolve(parts[0])
					.resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", ""))
					.normalize();
				return Optional.of(path).filter(Files::exists);
			}
		}
		return Optional.empty();
	}

	private String internalKafkaListener() {
		String advertised = environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
		String internal = environment("kafka").get("KAFKA_INTER_BROKER_LISTENER_NAME");
		return Arrays.stream(advertised.split(","))
			.filter((listener) -> listener.startsWith(internal + "://"))
			.map((listener) -> listener.substring(internal.length() + 3))
			.findFirst()
			.orElseThrow();
	}

	private static boolean usesKafka(String name) throws IOException {
		return Files.readString(ROOT.resolve(name).resolve("pom.xml"))
			.contains("<artifactId>spring-boot-starter-kafka</artifactId>");
	}

	// --- what a service binds: its <service>.yml with the compose environment on top

	private ServiceConfig config(String name) {
		Map<String, Object> variables = new HashMap<>(environment(name));
		Set<String> profiles = Arrays
			.stream(String.valueOf(variables.getOrDefault("SPRING_PROFILES_ACTIVE", "")).split(","))
			.map(String::trim)
			.filter((profile) -> !profile.isEmpty())
			.collect(Collectors.toSet());
		AbstractEnvironment environment = new AbstractEnvironment() {
		};
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		Path yml = ROOT.resolve(name).resolve("src/main/resources").resolve(name + ".yml");
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(name, new FileSystemResource(yml));
			// a later document overrides an earlier one
			for (int i = documents.size() - 1; i >= 0; i--) {
				PropertySource<?> document = documents.get(i);
				Object profile = document.getProperty("spring.config.activate.on-profile");
				if (profile == null || profiles.contains(String.valueOf(profile))) {
					environment.getPropertySources().addLast(document);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ServiceConfig(Binder.get(environment));
	}

	// --- the dashboard and its queries

	private static Path dashboardFile() {
		return ROOT.resolve("docker/grafana/dashboards/checkout-saga.json");
	}

	/** The dashboard's panels, rows' nested panels included, rows themselves not. */
	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if ("row".equals(panel.path("type").asString())) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		assertThat(panels).as("dashboard panels").isNotEmpty();
		return panels;
	}

	/**
	 * The metric names in a PromQL expression: what is left once strings, label matchers,
	 * ranges, numbers, grouping clauses, keywords and function calls are taken out.
	 */
	static Set<String> metricNames(String expr) {
		String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
			.replaceAll("(?<![\\w:.])\\d[\\d.]*(?:[eE][+-]?\\d+)?(?:ms|[smhdwy])*", " ");
		Set<String> keywords = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
				"or", "unless", "offset", "inf", "nan");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifier = Pattern.compile("(?<![\\w$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(bare);
		while (identifier.find()) {
			if (!keywords.contains(identifier.group(1).toLowerCase())) {
				names.add(identifier.group(1));
			}
		}
		return names;
	}

	/** The allowed family a series name belongs to, if any. */
	static Optional<String> family(String metric) {
		Optional<String> family = Stream
			.concat(Stream.of(metric),
					SERIES_SUFFIXES.stream()
						.filter(metric::endsWith)
						.map((suffix) -> metric.substring(0, metric.length() - suffix.length())))
			.filter(SUITE_METRICS::contains)
			.findFirst();
		if (family.isEmpty() && STANDARD_PREFIXES.stream().anyMatch(metric::startsWith)) {
			return Optional.of(metric);
		}
		return family;
	}

	// --- files and YAML

	private static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve("docker-compose.yml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
	}

	private static Map<String, Object> yaml(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return map(new Yaml().load(reader));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<Path> yamlFiles(Path dir) {
		return files(dir).filter((file) -> file.toString().matches(".*\\.ya?ml"));
	}

	private static Stream<Path> jsonFiles(Path dir) {
		return files(dir).filter((file) -> file.toString().endsWith(".json"));
	}

	private static Stream<Path> files(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? List.copyOf(list) : List.of();
	}

	/** A list of strings, or a string as compose reads it: one item. */
	private static List<String> strings(Object value) {
		if (value instanceof String string) {
			return List.of(string);
		}
		return list(value).stream().map(String::valueOf).toList();
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new LinkedHashSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private record PortMapping(Integer published, int target) {
	}

	private record ServiceConfig(Binder binder) {

		int serverPort() {
			return this.binder.bind("server.port", Integer.class).orElse(8080);
		}

	}

}
