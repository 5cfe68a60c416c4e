package org.checkoutsaga.bench.load;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutMessage;

/**
 * The thesis' checkout (its Listing 3.4): two distinct items drawn at random from a pool,
 * each with a quantity uniform in 1..3, and a random user id. The same seed gives the
 * same sequence. Request ids are not drawn here: each send takes a fresh random UUID, so
 * a rerun against the same suite is never taken for a repeat.
 */
public final class CheckoutGenerator {

	private final Random random;

	private final List<String> pool;

	/**
	 * @param seed the seed of this sequence
	 * @param pool the items to draw from, at least two
	 */
	public CheckoutGenerator(long seed, List<String> pool) {
		if (pool.size() < 2) {
			throw new IllegalArgumentException("A checkout takes two distinct items: the pool needs two or more");
		}
		this.random = new Random(seed);
		this.pool = List.copyOf(pool);
	}

	/**
	 * A generator whose sequence depends on the run's name as well as the seed, so each
	 * run has its own reproducible sequence whichever runs are chosen.
	 * @param seed the benchmark's seed
	 * @param run the run
	 * @return the run's generator
	 */
	public static CheckoutGenerator forRun(long seed, RunSpec run) {
		return new CheckoutGenerator(seed * 31 + run.name().hashCode(), run.pool().items());
	}

	/**
	 * @return the next checkout
	 */
	public CheckoutMessage next() {
		int first = this.random.nextInt(this.pool.size());
		int second = (first + 1 + this.random.nextInt(this.pool.size() - 1)) % this.pool.size();
		UUID userId = new UUID((this.random.nextLong() & ~0xF000L) | 0x4000L,
				(this.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
		return new CheckoutMessage(userId.toString(), List.of(new CheckoutItem(this.pool.get(first), quantity()),
				new CheckoutItem(this.pool.get(second), quantity())));
	}

	private int quantity() {
		return 1 + this.random.nextInt(3);
	}

}
