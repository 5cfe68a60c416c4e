package org.checkoutsaga.bench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * A suite that is already running, addressed by its URLs and Kafka bootstrap servers. Its
 * durability settings cannot be read from outside (the actuator's {@code env} endpoint is
 * not exposed by default), so they are read from the services' configuration as shipped.
 *
 * @param orchestratorUrl the orchestrator's base URL
 * @param stockUrl the stock service's base URL
 * @param receiptUrl the receipt service's base URL
 * @param bootstrapServers the Kafka cluster
 * @param apiKey the API key sent to every service
 * @param suitePid the JVM that runs the whole suite on this machine, null if unknown
 */
public record RemoteTarget(URI orchestratorUrl, URI stockUrl, URI receiptUrl, String bootstrapServers, String apiKey,
		@Nullable Long suitePid) implements SuiteTarget {

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

	/**
	 * The JVM that runs the whole suite, if one process on this machine listens on all
	 * three services' ports (the launcher's {@code LocalSuite}, as {@code run-local.sh}
	 * starts it). Three processes (docker compose, one JVM per service) are no one suite
	 * JVM.
	 * @param orchestratorUrl the orchestrator's base URL
	 * @param stockUrl the stock service's
	 * @param receiptUrl the receipt service's
	 * @return its process id, null if not found
	 */
	public static @Nullable Long findSuitePid(URI orchestratorUrl, URI stockUrl, URI receiptUrl) {
		Set<Long> pids = new HashSet<>();
		for (URI url : List.of(orchestratorUrl, stockUrl, receiptUrl)) {
			if (!LOOPBACK.contains(String.valueOf(url.getHost())) || url.getPort() < 0) {
				return null;
			}
			OptionalLong pid = ListeningProcess.on(url.getPort());
			if (pid.isEmpty()) {
				return null;
			}
			pids.add(pid.getAsLong());
		}
		return (pids.size() == 1) ? pids.iterator().next() : null;
	}

	@Override
	public String system(String jvm) {
		return "checkout-saga (running suite at " + this.orchestratorUrl + ")";
	}

	@Override
	public Durability durability() {
		Map<String, Function<String, String>> properties = new LinkedHashMap<>();
		Durability.PREFIXES.keySet().forEach((name) -> properties.put(name, shipped(name)));
		return Durability.read(properties, "the services' yml as shipped; the running suite may override it");
	}

	@Override
	public boolean inProcess() {
		return false;
	}

	@Override
	public String describe() {
		return "running suite: orchestrator " + this.orchestratorUrl + ", stock " + this.stockUrl + ", receipt "
				+ this.receiptUrl + ", Kafka " + this.bootstrapServers
				+ ((this.suitePid != null) ? ", pid " + this.suitePid : "");
	}

	@Override
	public void close() {
		// not ours to stop
	}

	/**
	 * @param service a service's name
	 * @return its properties as its yml ships them
	 */
	static Function<String, String> shipped(String service) {
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(service,
					new ClassPathResource(service + ".yml"));
			if (documents.isEmpty()) {
				return (name) -> null;
			}
			PropertySource<?> defaults = documents.get(0);
			return (name) -> {
				Object value = defaults.getProperty(name);
				return (value != null) ? value.toString() : null;
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
