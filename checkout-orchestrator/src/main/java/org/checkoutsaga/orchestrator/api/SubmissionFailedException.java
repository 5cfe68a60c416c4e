package org.checkoutsaga.orchestrator.api;

/**
 * The checkout could not be handed to Kafka; nothing was started, the client may retry.
 */
class SubmissionFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SubmissionFailedException(Throwable cause) {
		super("The checkout could not be submitted; it is safe to retry with the same Idempotency-Key", cause);
	}

}
