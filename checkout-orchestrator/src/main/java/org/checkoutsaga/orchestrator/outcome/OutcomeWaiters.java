package org.checkoutsaga.orchestrator.outcome;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.checkoutsaga.events.CheckoutOutcome;
import org.springframework.stereotype.Component;

/**
 * REST callers waiting for a checkout's outcome on this instance. Only an ending saga run
 * here completes a wait; a caller whose wait runs out reads the stored status instead, so
 * nothing depends on the wait being completed.
 */
@Component
public class OutcomeWaiters {

	private final Map<String, CompletableFuture<CheckoutOutcome>> waiting = new ConcurrentHashMap<>();

	/**
	 * Waits for an outcome. Call before the checkout can end, then check the stored
	 * status.
	 * @param checkoutId the checkout
	 * @param timeout the longest wait
	 * @return the outcome, or empty once the wait runs out
	 */
	public CompletableFuture<Optional<CheckoutOutcome>> await(String checkoutId, Duration timeout) {
		CompletableFuture<CheckoutOutcome> shared = this.waiting.computeIfAbsent(checkoutId,
				(id) -> new CompletableFuture<>());
		return shared.thenApply(Optional::of)
			.completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((outcome, failure) -> {
				if (!shared.isDone()) {
					this.waiting.remove(checkoutId, shared);
				}
			});
	}

	void complete(CheckoutOutcome outcome) {
		CompletableFuture<CheckoutOutcome> waiter = this.waiting.remove(outcome.checkoutId());
		if (waiter != null) {
			waiter.complete(outcome);
		}
	}

}
