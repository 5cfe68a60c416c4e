package org.checkoutsaga.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JitSettlingTests {

	@Test
	void oneQuietRoundIsNotEnough() {
		JitSettling settling = new JitSettling();
		assertThat(settling.settledAfter(120)).isFalse();
		assertThat(settling.settledAfter(9.6)).isFalse();
	}

	@Test
	void twoQuietRoundsInARowAre() {
		JitSettling settling = new JitSettling();
		assertThat(settling.settledAfter(9.6)).isFalse();
		assertThat(settling.settledAfter(2)).isTrue();
	}

	@Test
	void aBusyRoundStartsTheCountAgain() {
		JitSettling settling = new JitSettling();
		assertThat(settling.settledAfter(5)).isFalse();
		assertThat(settling.settledAfter(10)).as("10% is not under 10%").isFalse();
		assertThat(settling.settledAfter(5)).isFalse();
		assertThat(settling.settledAfter(5)).isTrue();
	}

}
