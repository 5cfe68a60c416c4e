package org.checkoutsaga.orchestrator.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter, for actions whose call failed even after
 * the client's own retries (for example while a circuit is open): the saga waits and
 * tries again rather than giving up.
 *
 * @param initial the first delay
 * @param max the longest delay
 */
public record RetryBackoff(Duration initial, Duration max) {

	/**
	 * The delay before an attempt.
	 * @param attempt how many attempts have failed so far, from 1
	 * @return a random delay between half and all of the capped exponential delay
	 */
	public Duration delay(int attempt) {
		long cap = this.max.toMillis();
		long exponential = this.initial.toMillis() << Math.min(attempt - 1, 20);
		long bound = Math.max(1, Math.min(cap, exponential));
		return Duration.ofMillis(bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1));
	}

}
