package org.checkoutsaga.orchestrator.api;

/**
 * A submission reuses a request id (or {@code Idempotency-Key}) that already names a
 * checkout with another user or other items; nothing new was started.
 */
class IdempotencyConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String checkoutId;

	private final String requestId;

	IdempotencyConflictException(String checkoutId, String requestId) {
		super("Request id '" + requestId + "' already names checkout " + checkoutId
				+ ", submitted with a different userId or items; nothing new was started");
		this.checkoutId = checkoutId;
		this.requestId = requestId;
	}

	String checkoutId() {
		return this.checkoutId;
	}

	String requestId() {
		return this.requestId;
	}

}
