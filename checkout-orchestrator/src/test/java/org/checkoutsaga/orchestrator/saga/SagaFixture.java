package org.checkoutsaga.orchestrator.saga;

import java.util.List;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given / when / expect over events, in the manner of Axon's aggregate fixture:
 * {@code given(started, retracted(a)).when(outOfStock(b)).expect(restore(a))}.
 */
final class SagaFixture {

	private final CheckoutSaga saga = new CheckoutSaga();

	private final CheckoutState before;

	private CheckoutState after;

	private SagaFixture(List<SagaEvent> history) {
		this.before = this.saga.replay(history);
	}

	static SagaFixture given(SagaEvent... history) {
		return new SagaFixture(List.of(history));
	}

	SagaFixture when(SagaEvent event) {
		this.after = this.saga.evolve(this.before, event);
		return this;
	}

	/** The actions the saga waits for after the event, in order. */
	SagaFixture expect(SagaAction... actions) {
		assertThat(this.saga.decide(this.after)).containsExactly(actions);
		return this;
	}

	SagaFixture expectNoActions() {
		assertThat(this.saga.decide(this.after)).isEmpty();
		return this;
	}

	SagaFixture expectStatus(CheckoutStatus status) {
		assertThat(this.after.status()).isEqualTo(status);
		return this;
	}

	SagaFixture expectRejectedBecause(RejectionReason reason) {
		assertThat(this.after.status()).isEqualTo(CheckoutStatus.REJECTED);
		assertThat(this.after.rejection()).isEqualTo(reason);
		return this;
	}

	/** The event changed nothing: a duplicate or a reply that no longer fits. */
	SagaFixture expectUnchanged() {
		assertThat(this.after).isEqualTo(this.before);
		return this;
	}

}
