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

	private final CheckoutSaga saga = new CheckoutSaga(Checkouts.COMPENSATION);

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

	/**
	 * The engine noticed that the saga's deadline passed: the saga gives the event.
	 * @param now the engine's time
	 * @return this fixture
	 */
	SagaFixture whenDeadlinePassesAt(long now) {
		assertThat(this.saga.deadline(this.before)).as("a deadline is set").isPresent();
		return when(this.saga.deadlinePassed(this.before, now));
	}

	SagaFixture expectEvent(SagaEvent event) {
		assertThat(this.after).isEqualTo(this.saga.evolve(this.before, event));
		return this;
	}

	SagaFixture expectReason(RejectionReason reason) {
		assertThat(this.after.rejection()).isEqualTo(reason);
		return this;
	}

	/** When the engine must call back next, epoch milliseconds. */
	SagaFixture expectDeadline(long deadline) {
		assertThat(this.saga.deadline(this.after)).hasValue(deadline);
		return this;
	}

	SagaFixture expectNoDeadline() {
		assertThat(this.saga.deadline(this.after)).isEmpty();
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
