package org.checkoutsaga.bench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
 */
public record RemoteTarget(URI orchestratorUrl, URI stockUrl, URI receiptUrl, String bootstrapServers,
		String apiKey) implements SuiteTarget {

	@Override
	public String system() {
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
				+ this.receiptUrl + ", Kafka " + this.bootstrapServers;
	}

	@Override
	public void close() {
		// not ours to stop
	}

	private static Function<String, String> shipped(String service) {
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
