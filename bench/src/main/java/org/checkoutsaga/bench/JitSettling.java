package org.checkoutsaga.bench;

/**
 * When the warm-up may end early: once the JIT compiled under {@value #SETTLED_PERCENT}%
 * of a round, {@value #ROUNDS} rounds in a row. One such round is not enough: Temurin 25
 * once had one after 35 s, and its REST runs then did half of what a longer warm-up
 * gives.
 */
final class JitSettling {

	/** Below this share of a round spent compiling, the round counts as settled. */
	static final int SETTLED_PERCENT = 10;

	/** Settled rounds in a row that end the warm-up. */
	static final int ROUNDS = 2;

	private int settledInARow;

	/**
	 * @param compilingPercent the compilers' share of the round just done (100 is one
	 * compiler thread busy all round)
	 * @return whether the JIT counts as settled after it
	 */
	boolean settledAfter(double compilingPercent) {
		this.settledInARow = (compilingPercent < SETTLED_PERCENT) ? this.settledInARow + 1 : 0;
		return this.settledInARow >= ROUNDS;
	}

}
