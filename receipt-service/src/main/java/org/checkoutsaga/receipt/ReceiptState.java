package org.checkoutsaga.receipt;

import java.util.Optional;

import org.checkoutsaga.events.Receipt;

/**
 * What is stored for one checkout, and its rules, without any I/O: each command returns
 * the {@link Transition} it leads to, the next state and the answer to the caller. A
 * checkout only moves forward: absent, then live or tombstone; live, then cancelled. Once
 * cancelled (with or without a receipt) it stays so, and refuses every store.
 */
sealed interface ReceiptState {

	String checkoutId();

	/**
	 * Stores a new receipt unless the checkout has one or was cancelled.
	 * @param receipt the receipt to store if none is
	 * @return the next state, and the stored receipt or a refusal
	 */
	Transition<StoreOutcome> store(Receipt receipt);

	/**
	 * Cancels the checkout's receipt, or records a tombstone if it has none.
	 * @param cancelledAt when, epoch milliseconds
	 * @return the next state, and whether a receipt was cancelled (now or earlier)
	 */
	Transition<Cancellation> cancel(long cancelledAt);

	/**
	 * The receipt to hand out, if the checkout has one that is not cancelled.
	 */
	Optional<Receipt> live();

	boolean isCancelled();

	/**
	 * No row: nothing happened for the checkout yet.
	 *
	 * @param checkoutId the checkout
	 */
	record Absent(String checkoutId) implements ReceiptState {

		@Override
		public Transition<StoreOutcome> store(Receipt receipt) {
			return new Transition<>(new Live(receipt), ReceiptStore.StoredReceipt.created(receipt));
		}

		@Override
		public Transition<Cancellation> cancel(long cancelledAt) {
			return new Transition<>(new Tombstone(this.checkoutId, cancelledAt),
					new Cancellation(this.checkoutId, false));
		}

		@Override
		public Optional<Receipt> live() {
			return Optional.empty();
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

	}

	/**
	 * A stored receipt.
	 *
	 * @param receipt the receipt
	 */
	record Live(Receipt receipt) implements ReceiptState {

		@Override
		public String checkoutId() {
			return this.receipt.checkoutId();
		}

		@Override
		public Transition<StoreOutcome> store(Receipt ignored) {
			return new Transition<>(this, ReceiptStore.StoredReceipt.existing(this.receipt));
		}

		@Override
		public Transition<Cancellation> cancel(long cancelledAt) {
			return new Transition<>(new Cancelled(this.receipt, cancelledAt), new Cancellation(checkoutId(), true));
		}

		@Override
		public Optional<Receipt> live() {
			return Optional.of(this.receipt);
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

	}

	/**
	 * A receipt that was stored and then cancelled; kept as the audit trail.
	 *
	 * @param receipt the cancelled receipt
	 * @param cancelledAt when it was cancelled, epoch milliseconds
	 */
	record Cancelled(Receipt receipt, long cancelledAt) implements ReceiptState {

		@Override
		public String checkoutId() {
			return this.receipt.checkoutId();
		}

		@Override
		public Transition<StoreOutcome> store(Receipt ignored) {
			return new Transition<>(this, new StoreOutcome.Refused(checkoutId()));
		}

		@Override
		public Transition<Cancellation> cancel(long ignored) {
			return new Transition<>(this, new Cancellation(checkoutId(), true));
		}

		@Override
		public Optional<Receipt> live() {
			return Optional.empty();
		}

		@Override
		public boolean isCancelled() {
			return true;
		}

	}

	/**
	 * A cancel that came before any receipt: no receipt may ever be stored.
	 *
	 * @param checkoutId the checkout
	 * @param cancelledAt when it was cancelled, epoch milliseconds
	 */
	record Tombstone(String checkoutId, long cancelledAt) implements ReceiptState {

		@Override
		public Transition<StoreOutcome> store(Receipt ignored) {
			return new Transition<>(this, new StoreOutcome.Refused(this.checkoutId));
		}

		@Override
		public Transition<Cancellation> cancel(long ignored) {
			return new Transition<>(this, new Cancellation(this.checkoutId, false));
		}

		@Override
		public Optional<Receipt> live() {
			return Optional.empty();
		}

		@Override
		public boolean isCancelled() {
			return true;
		}

	}

	/**
	 * Where a command leads.
	 *
	 * @param <O> the type of answer
	 * @param state the state after the command; the same state if it changed nothing
	 * @param outcome the answer to the caller
	 */
	record Transition<O>(ReceiptState state, O outcome) {
	}

}
