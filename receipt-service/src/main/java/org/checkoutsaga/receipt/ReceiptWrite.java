package org.checkoutsaga.receipt;

import java.util.function.Function;

import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.receipt.ReceiptState.Transition;

/**
 * One write queued on the group committer: a command for one checkout, decided inside the
 * group's transaction on the state stored then (and on the writes before it in the
 * group), which is what makes a store and a cancel of one checkout end in one consistent
 * state whatever their order. The answer is readable once the group has committed.
 *
 * @param <O> the type of answer
 */
final class ReceiptWrite<O> {

	private final String checkoutId;

	private final Function<ReceiptState, Transition<O>> command;

	/** Set on the committer's thread, read after the group's future completed. */
	private volatile O outcome;

	/** Likewise: whether the write changed the checkout's state. */
	private volatile boolean changed;

	private ReceiptWrite(String checkoutId, Function<ReceiptState, Transition<O>> command) {
		this.checkoutId = checkoutId;
		this.command = command;
	}

	static ReceiptWrite<StoreOutcome> store(Receipt receipt) {
		return new ReceiptWrite<>(receipt.checkoutId(), (state) -> state.store(receipt));
	}

	static ReceiptWrite<Cancellation> cancel(String checkoutId, long cancelledAt) {
		return new ReceiptWrite<>(checkoutId, (state) -> state.cancel(cancelledAt));
	}

	String checkoutId() {
		return this.checkoutId;
	}

	/**
	 * What the write would do to a state, without recording anything.
	 * @param state the checkout's state
	 * @return the transition
	 */
	Transition<O> decide(ReceiptState state) {
		return this.command.apply(state);
	}

	/**
	 * Decides the write on the state and records its answer.
	 * @param state the checkout's state within the group's transaction
	 * @return the state after the write
	 */
	ReceiptState applyTo(ReceiptState state) {
		Transition<O> transition = decide(state);
		this.changed = !transition.state().equals(state);
		this.outcome = transition.outcome();
		return transition.state();
	}

	/**
	 * The answer, once the group holding the write has committed.
	 */
	O outcome() {
		return this.outcome;
	}

	/**
	 * Whether the write changed the checkout, once the group holding it has committed;
	 * {@code false} if an earlier write had done the same.
	 */
	boolean changed() {
		return this.changed;
	}

}
