package org.checkoutsaga.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API keys of the launcher's suites (the local run, the fault-injection processes,
 * the benchmark's local suite): fixed and documented so that the README's examples work
 * as they are. For local use only: a deployment configures its own clients and keys
 * ({@code checkout.security.clients}, {@code stock.security.clients},
 * {@code receipt.security.clients}).
 */
public final class DevCredentials {

	/** Role CHECKOUT on the orchestrator: submit checkouts, read one. */
	public static final String SHOP = "dev-shop-key";

	/** Role OPERATOR everywhere: metrics, listings, repair verbs, the stock audit. */
	public static final String OPERATOR = "dev-operator-key";

	/** Role STOCK_ADMIN on the stock service: set and restock items. */
	public static final String STOCK_ADMIN = "dev-stock-admin-key";

	/**
	 * Roles CHECKOUT, STOCK_ADMIN and OPERATOR, and no rate limit to speak of: the
	 * launcher's own seeding, checks and load (fault injection, the benchmark).
	 */
	public static final String TOOLS = "dev-tools-key";

	/** Role SERVICE on the stock and receipt services: the orchestrator's calls. */
	static final String ORCHESTRATOR = "dev-orchestrator-key";

	private DevCredentials() {
	}

	/**
	 * The API clients a service of the launcher's suites knows.
	 * @param service the service
	 * @return its properties: the clients and, for the orchestrator, the key it sends
	 */
	static Map<String, Object> propertiesFor(SuiteService service) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String prefix = switch (service) {
			case ORCHESTRATOR -> "checkout.security.clients.";
			case STOCK -> "stock.security.clients.";
			case RECEIPT -> "receipt.security.clients.";
		};
		client(properties, prefix, "shop", SHOP, "CHECKOUT");
		client(properties, prefix, "operator", OPERATOR, "OPERATOR");
		switch (service) {
			case ORCHESTRATOR -> {
				client(properties, prefix, "tools", TOOLS, "CHECKOUT,OPERATOR");
				properties.put("checkout.calls.api-key", ORCHESTRATOR);
				properties.put("resilience4j.ratelimiter.instances.checkouts-tools.base-config", "checkouts");
				properties.put("resilience4j.ratelimiter.instances.checkouts-tools.limit-for-period", 1_000_000);
			}
			case STOCK -> {
				client(properties, prefix, "orchestrator", ORCHESTRATOR, "SERVICE");
				client(properties, prefix, "stock-admin", STOCK_ADMIN, "STOCK_ADMIN");
				client(properties, prefix, "tools", TOOLS, "STOCK_ADMIN,OPERATOR");
			}
			case RECEIPT -> {
				client(properties, prefix, "orchestrator", ORCHESTRATOR, "SERVICE");
				client(properties, prefix, "tools", TOOLS, "OPERATOR");
			}
		}
		return properties;
	}

	private static void client(Map<String, Object> properties, String prefix, String name, String key, String roles) {
		properties.put(prefix + name + ".key", key);
		properties.put(prefix + name + ".roles", roles);
	}

}
