package org.checkoutsaga.support;

import java.util.concurrent.CompletableFuture;

/**
 * Gives the JDK's common {@link java.util.concurrent.ForkJoinPool} at least two threads.
 * <p>
 * On a machine with two CPUs the common pool has a parallelism of one, and
 * {@link CompletableFuture} then runs every asynchronous task that names no executor on a
 * thread of its own, started for that one task. The JDK's {@code HttpClient.sendAsync}
 * hands every response to that default executor: the orchestrator's calls to the stock
 * and receipt services started and ended a thread per response (a JFR profile of the
 * benchmark counted 110 a second). With a parallelism of two those tasks run on the
 * common pool's threads.
 * <p>
 * Call it first in {@code main}, before anything touches the common pool: the pool reads
 * the property once. A parallelism set on the command line is kept.
 */
public final class CommonPool {

	/** The system property the common pool reads its parallelism from. */
	public static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	private CommonPool() {
	}

	/**
	 * Sets the common pool's parallelism to two where it would be one, unless the
	 * property is set.
	 */
	public static void atLeastTwoThreads() {
		if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
			System.setProperty(PARALLELISM, "2");
		}
	}

}
