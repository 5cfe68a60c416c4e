package org.checkoutsaga.orchestrator.ingress;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A checkout's id follows from its request id, so that a repeated request id (or
 * idempotency key) always names the same saga.
 */
public final class CheckoutIds {

	private CheckoutIds() {
	}

	/**
	 * @param requestId the client's id for the checkout
	 * @return the request id itself when it is a UUID, otherwise a name-based UUID of it
	 */
	public static String forRequest(String requestId) {
		try {
			UUID uuid = UUID.fromString(requestId);
			if (uuid.toString().equalsIgnoreCase(requestId)) {
				return uuid.toString();
			}
		}
		catch (IllegalArgumentException ex) {
			// not a UUID: derive one
		}
		return UUID.nameUUIDFromBytes(("checkout:" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
