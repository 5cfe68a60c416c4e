package org.checkoutsaga.orchestrator.api;

import org.checkoutsaga.orchestrator.engine.SagaEngine;

/** A checkout cannot be retried here: it has ended, or another instance drives it. */
class RetryRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	RetryRefusedException(String checkoutId, SagaEngine.Retry result) {
		super((result == SagaEngine.Retry.FINISHED) ? "Checkout " + checkoutId + " has ended; there is nothing to retry"
				: "Checkout " + checkoutId
						+ " is driven by another orchestrator instance (the owner of its partition); "
						+ "retry it there");
	}

}
