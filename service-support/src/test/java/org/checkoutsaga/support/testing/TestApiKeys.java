package org.checkoutsaga.support.testing;

/**
 * The API keys of the clients in {@code test-api-clients.yml}, which each service's tests
 * import: one client per role, and one with every role for tests about something else.
 */
public final class TestApiKeys {

	/** Every role: for tests whose subject is not access control. */
	public static final String EVERYTHING = "test-everything-key";

	/** Role CHECKOUT only. */
	public static final String SHOP = "test-shop-key";

	/** Role OPERATOR only. */
	public static final String OPERATOR = "test-operator-key";

	/** Role SERVICE only; also the key the orchestrator under test sends. */
	public static final String SERVICE = "test-service-key";

	/** Role STOCK_ADMIN only. */
	public static final String STOCK_ADMIN = "test-stock-admin-key";

	private TestApiKeys() {
	}

	/**
	 * The {@code Authorization} header's value for a key.
	 * @param key the key
	 * @return {@code Bearer <key>}
	 */
	public static String bearer(String key) {
		return "Bearer " + key;
	}

}
