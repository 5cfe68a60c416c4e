package org.checkoutsaga.support.security;

import java.util.Set;

/**
 * The roles an API client can be given. A client may have several.
 */
public final class ApiRoles {

	/** Submits checkouts and reads their status: the shop's front end or back end. */
	public static final String CHECKOUT = "CHECKOUT";

	/** Sets and restocks stock levels: the shop's inventory system. */
	public static final String STOCK_ADMIN = "STOCK_ADMIN";

	/**
	 * Retracts and restores stock and stores receipts: the orchestrator calling the stock
	 * and receipt services.
	 */
	public static final String SERVICE = "SERVICE";

	/**
	 * Reads metrics and listings and uses the repair and audit endpoints: the people and
	 * tools that run the suite.
	 */
	public static final String OPERATOR = "OPERATOR";

	/** Every role there is. */
	public static final Set<String> ALL = Set.of(CHECKOUT, STOCK_ADMIN, SERVICE, OPERATOR);

	private ApiRoles() {
	}

}
