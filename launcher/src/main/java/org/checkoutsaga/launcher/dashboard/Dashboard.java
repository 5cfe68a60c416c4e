package org.checkoutsaga.launcher.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import de.codecentric.boot.admin.server.domain.values.Registration;
import de.codecentric.boot.admin.server.services.InstanceRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local run's dashboard: a Spring Boot Admin server in its own Spring context, on
 * {@code 127.0.0.1} only. The launcher registers each service with it by its URLs (as
 * Spring Boot Admin's static registration does), so the services carry no Admin client
 * and a stopped service stays listed, shown OFFLINE, until it is back.
 */
public final class Dashboard implements AutoCloseable {

	/** The dashboard's name, and its title in the browser. */
	public static final String NAME = "checkout-saga-dashboard";

	private static final String HOST = "127.0.0.1";

	private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(10);

	private final ConfigurableApplicationContext context;

	private final int port;

	private Dashboard(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * Start the Spring Boot Admin server.
	 * @param port its HTTP port on {@code 127.0.0.1}, 0 for a free one
	 * @return the running dashboard; the caller closes it
	 */
	public static Dashboard start(int port) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", port);
		// operators' browsers on this host only: the dashboard reaches the services'
		// actuator endpoints for whoever can reach it
		properties.put("server.address", HOST);
		// no request of the dashboard is worth finishing, and a graceful stop was seen
		// keeping Ctrl-C waiting for 13 s
		properties.put("server.shutdown", "immediate");
		properties.put("spring.application.name", NAME);
		// no application.yml of the working folder, only what is set here
		properties.put("spring.config.name", NAME);
		properties.put("spring.boot.admin.ui.title", "checkout-saga");
		// the UI's templates live in Spring Boot Admin's jar, not in classpath:/templates
		properties.put("spring.thymeleaf.check-template-location", false);
		// no OTLP collector in the local run, and the dashboard's polling is no trace
		properties.put("management.otlp.metrics.export.enabled", false);
		properties.put("management.tracing.export.enabled", false);
		// register nothing but the suite's own services
		properties.put("spring.boot.admin.ssrf-protection.enabled", true);
		properties.put("spring.boot.admin.ssrf-protection.allowed-cidrs", "127.0.0.0/8");
		// the same sharing rules as the services' contexts in one JVM (SuiteService)
		properties.put("spring.jmx.enabled", false);
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.register-shutdown-hook", false);
		properties.put("logging.include-application-name", false);
		String[] args = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return new Dashboard(
				new SpringApplicationBuilder(AdminServerConfiguration.class).main(AdminServerConfiguration.class)
					.registerShutdownHook(false)
					.run(args));
	}

	/**
	 * Show a service on the dashboard, or update it after it moved.
	 * @param name the service's name, e.g. {@code stock-entity-service}
	 * @param baseUrl its base URL, e.g. {@code http://127.0.0.1:8081}; its actuator is
	 * under {@code /actuator}
	 */
	public void register(String name, String baseUrl) {
		Registration registration = Registration.create(name, baseUrl + "/actuator/health")
			.managementUrl(baseUrl + "/actuator")
			.serviceUrl(baseUrl + "/")
			.source("checkout-saga launcher")
			.build();
		this.context.getBean(InstanceRegistry.class).register(registration).block(REGISTRATION_TIMEOUT);
	}

	/**
	 * The dashboard's HTTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The dashboard's address for a browser.
	 * @return e.g. {@code http://127.0.0.1:8090}, without a trailing slash
	 */
	public String url() {
		return "http://" + HOST + ":" + this.port;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
