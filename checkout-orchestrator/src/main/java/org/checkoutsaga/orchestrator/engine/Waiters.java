package org.checkoutsaga.orchestrator.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Callers on this instance waiting for a saga to reach a point (its start is durable, it
 * has ended). Only a saga driven here completes a wait; a caller whose wait runs out
 * reads the stored state instead, so nothing depends on the wait being completed.
 *
 * @param <T> what a completed wait yields
 */
public final class Waiters<T> {

	private final Map<String, CompletableFuture<T>> waiting = new ConcurrentHashMap<>();

	/**
	 * Waits for a saga. Call before the saga can reach the point, then check the stored
	 * state.
	 * @param sagaId the saga
	 * @param timeout the longest wait
	 * @return the value, or empty once the wait runs out
	 */
	public CompletableFuture<Optional<T>> await(String sagaId, Duration timeout) {
		CompletableFuture<T> shared = this.waiting.computeIfAbsent(sagaId, (id) -> new CompletableFuture<>());
		return shared.thenApply(Optional::of)
			.completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((value, failure) -> {
				if (!shared.isDone()) {
					this.waiting.remove(sagaId, shared);
				}
			});
	}

	/**
	 * Ends every wait for a saga.
	 * @param sagaId the saga
	 * @param value what the waits yield
	 */
	public void complete(String sagaId, T value) {
		CompletableFuture<T> waiter = this.waiting.remove(sagaId);
		if (waiter != null) {
			waiter.complete(value);
		}
	}

}
