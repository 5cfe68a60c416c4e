package org.checkoutsaga.orchestrator.engine;

import java.util.concurrent.CompletableFuture;

/**
 * Carries out a saga's actions against the outside world.
 *
 * @param <A> the actions
 * @param <E> the events the saga records for their results
 */
@FunctionalInterface
public interface ActionExecutor<A, E> {

	/**
	 * Performs one action without blocking.
	 * @param sagaId the saga asking
	 * @param action what to do; it carries what makes a repeat harmless
	 * @return completes with the event to record, or exceptionally with a retryable
	 * failure (the engine tries again later)
	 */
	CompletableFuture<E> execute(String sagaId, A action);

}
