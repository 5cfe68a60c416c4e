package org.checkoutsaga.bench.suite;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The suite a benchmark runs against: its addresses and what is known about how it runs.
 */
public interface SuiteTarget extends AutoCloseable {

	URI orchestratorUrl();

	URI stockUrl();

	URI receiptUrl();

	String bootstrapServers();

	/**
	 * @return the API key the benchmark sends: roles CHECKOUT and OPERATOR on the
	 * orchestrator, STOCK_ADMIN and OPERATOR on the stock service, OPERATOR on the
	 * receipt service
	 */
	String apiKey();

	/**
	 * @param jvm the suite's Java version and vendor
	 * @return the system under test as named in the JSON lines
	 */
	String system(String jvm);

	/**
	 * @return how the services' state reaches the disk
	 */
	Durability durability();

	/**
	 * @return whether the services run in the benchmark's own JVM (and share its CPUs and
	 * heap with the load generator)
	 */
	boolean inProcess();

	/**
	 * @return the process id of the JVM that runs the whole suite, whose CPU time the
	 * benchmark measures; null where it is unknown
	 */
	default @Nullable Long suitePid() {
		return null;
	}

	/**
	 * @return the folder of the suite's H2 files, or null where they are out of reach
	 */
	default @Nullable Path databaseFolder() {
		return null;
	}

	/**
	 * @return a line about the target for the report
	 */
	String describe();

	/**
	 * @return base URL per service name, orchestrator first
	 */
	default Map<String, URI> services() {
		Map<String, URI> services = new LinkedHashMap<>();
		services.put("checkout-orchestrator", orchestratorUrl());
		services.put("stock-entity-service", stockUrl());
		services.put("receipt-service", receiptUrl());
		return services;
	}

	@Override
	void close();

}
