package org.checkoutsaga.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How each service's state reaches the disk, read from its configuration: the group
 * commit settings under {@code <prefix>.group-commit.*} and the datasource URL.
 *
 * @param services per service, in the order orchestrator, stock, receipt
 * @param source where the settings were read from
 */
public record Durability(List<Service> services, String source) {

	/** The services and the prefix of their own properties. */
	static final Map<String, String> PREFIXES = prefixes();

	private static Map<String, String> prefixes() {
		Map<String, String> prefixes = new LinkedHashMap<>();
		prefixes.put("checkout-orchestrator", "checkout");
		prefixes.put("stock-entity-service", "stock");
		prefixes.put("receipt-service", "receipt");
		return prefixes;
	}

	/**
	 * Read every service's settings.
	 * @param properties per service name, its property lookup (null when unset)
	 * @param source where the properties come from
	 * @return the settings
	 */
	static Durability read(Map<String, Function<String, String>> properties, String source) {
		List<Service> services = new ArrayList<>();
		PREFIXES.forEach((name, prefix) -> {
			Function<String, String> property = properties.get(name);
			services.add(new Service(name, property.apply("spring.datasource.url"),
					property.apply(prefix + ".group-commit.max-batch"),
					property.apply(prefix + ".group-commit.max-wait"),
					Boolean.parseBoolean(orElse(property.apply(prefix + ".group-commit.sync-to-disk"), "true"))));
		});
		return new Durability(List.copyOf(services), source);
	}

	/**
	 * @return one line for the JSON {@code durability} field
	 */
	public String summary() {
		List<String> distinct = this.services.stream().map(Service::describe).distinct().toList();
		String state = (distinct.size() == 1) ? "all three services: " + distinct.get(0)
				: String.join("; ", this.services.stream().map((s) -> s.name() + ": " + s.describe()).toList());
		return state + "; Kafka: broker default flush (page cache, no fsync per record)";
	}

	/**
	 * One service's durability settings.
	 *
	 * @param name the service
	 * @param datasourceUrl its JDBC URL
	 * @param maxBatch {@code group-commit.max-batch}
	 * @param maxWait {@code group-commit.max-wait}
	 * @param syncToDisk {@code group-commit.sync-to-disk}
	 */
	public record Service(String name, String datasourceUrl, String maxBatch, String maxWait, boolean syncToDisk) {

		/**
		 * @return e.g. {@code group commit (max-batch 512, max-wait 0ms), H2 file
		 * WRITE_DELAY=0 + CHECKPOINT SYNC per group}
		 */
		public String describe() {
			String url = orElse(this.datasourceUrl, "").toLowerCase(Locale.ROOT);
			String commit = "group commit (max-batch " + orElse(this.maxBatch, "?") + ", max-wait "
					+ orElse(this.maxWait, "?") + ")";
			if (url.startsWith("jdbc:h2:mem:")) {
				return commit + ", H2 in memory: NOT durable";
			}
			if (url.startsWith("jdbc:h2:")) {
				return commit + (this.syncToDisk ? ", H2 file WRITE_DELAY=0 + CHECKPOINT SYNC per group (fsync)"
						: ", H2 file WRITE_DELAY=0, no sync (survives kill -9, not an OS crash)");
			}
			if (url.startsWith("jdbc:postgresql:")) {
				return commit + ", PostgreSQL commit per group (durable as its fsync/synchronous_commit say)";
			}
			return commit + ", " + (url.isEmpty() ? "unknown database" : url);
		}

	}

	private static String orElse(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
