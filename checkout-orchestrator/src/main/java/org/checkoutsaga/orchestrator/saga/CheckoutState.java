package org.checkoutsaga.orchestrator.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;

/**
 * A checkout saga's state, folded from its history. Immutable: {@link CheckoutSaga}
 * returns a new state for every event.
 *
 * @param started the first event, null before the saga started
 * @param lines one line per item with its progress, in the order of the checkout
 * @param rejection the first reason to reject (a business refusal or the deadline), null
 * while none
 * @param receiptId the stored receipt, null until stored
 * @param completedAt when the receipt was stored, epoch milliseconds; 0 until then
 * @param receipt where the receipt's compensation stands
 * @param compensateBy when the compensation counts as failed, epoch milliseconds; 0 until
 * the deadline passed
 * @param compensationFailed whether the compensation missed that deadline (and no
 * operator has retried it since)
 */
public record CheckoutState(CheckoutStarted started, List<Line> lines, RejectionReason rejection, String receiptId,
		long completedAt, ReceiptCompensation receipt, long compensateBy, boolean compensationFailed) {

	static final CheckoutState INITIAL = new CheckoutState(null, List.of(), null, null, 0, ReceiptCompensation.NONE, 0,
			false);

	public CheckoutState {
		lines = List.copyOf(lines);
	}

	/**
	 * Where the checkout stands: completed once the receipt is stored; rejected once a
	 * reason to reject is known, no retraction is outstanding, nothing is still taken and
	 * no receipt may still exist; compensation failed when that took longer than its
	 * deadline.
	 * @return the status
	 */
	public CheckoutStatus status() {
		if (this.receiptId != null) {
			return CheckoutStatus.COMPLETED;
		}
		if (this.started != null && this.rejection != null && allAnswered() && none(LineStatus.RETRACTED)
				&& none(LineStatus.UNKNOWN) && this.receipt != ReceiptCompensation.TO_CANCEL) {
			return CheckoutStatus.REJECTED;
		}
		return this.compensationFailed ? CheckoutStatus.COMPENSATION_FAILED : CheckoutStatus.RUNNING;
	}

	public String checkoutId() {
		return (this.started != null) ? this.started.checkoutId() : null;
	}

	boolean allAnswered() {
		return none(LineStatus.PENDING);
	}

	boolean none(LineStatus status) {
		return this.lines.stream().noneMatch((line) -> line.status() == status);
	}

	boolean deadlinePassed() {
		return this.compensateBy != 0;
	}

	CheckoutState withLine(String itemId, LineStatus from, LineStatus to) {
		return withLines(
				(line) -> (line.itemId().equals(itemId) && line.status() == from) ? line.withStatus(to) : line);
	}

	CheckoutState withLines(UnaryOperator<Line> change) {
		List<Line> changed = new ArrayList<>(this.lines.size());
		for (Line line : this.lines) {
			changed.add(change.apply(line));
		}
		return new CheckoutState(this.started, changed, this.rejection, this.receiptId, this.completedAt, this.receipt,
				this.compensateBy, this.compensationFailed);
	}

	CheckoutState withRejection(RejectionReason reason) {
		return new CheckoutState(this.started, this.lines, (this.rejection != null) ? this.rejection : reason,
				this.receiptId, this.completedAt, this.receipt, this.compensateBy, this.compensationFailed);
	}

	CheckoutState withReceipt(String receiptId, long createdAt) {
		return new CheckoutState(this.started, this.lines, this.rejection, receiptId, createdAt, this.receipt,
				this.compensateBy, this.compensationFailed);
	}

	CheckoutState withReceiptCompensation(ReceiptCompensation receipt) {
		return new CheckoutState(this.started, this.lines, this.rejection, this.receiptId, this.completedAt, receipt,
				this.compensateBy, this.compensationFailed);
	}

	CheckoutState withCompensation(long compensateBy, boolean failed) {
		return new CheckoutState(this.started, this.lines, this.rejection, this.receiptId, this.completedAt,
				this.receipt, compensateBy, failed);
	}

	/**
	 * One item of the checkout and how far its stock call got.
	 *
	 * @param itemId the item
	 * @param quantity the units asked for
	 * @param status the progress
	 */
	public record Line(String itemId, int quantity, LineStatus status) {

		static Line pending(CheckoutItem item) {
			return new Line(item.itemId(), item.quantity(), LineStatus.PENDING);
		}

		Line withStatus(LineStatus status) {
			return new Line(this.itemId, this.quantity, status);
		}

	}

	/** How far one item's stock call got. */
	public enum LineStatus {

		/** The retraction has not answered yet. */
		PENDING,

		/** The units were taken. */
		RETRACTED,

		/**
		 * The deadline passed before the retraction answered: the units may or may not
		 * have been taken, so they are restored with the retraction's operation id (the
		 * stock service records a restore of a retraction it never applied and refuses
		 * that retraction if it arrives later).
		 */
		UNKNOWN,

		/** The stock service refused for a business reason; nothing was taken. */
		REFUSED,

		/** The units were taken (or may have been) and given back (compensation). */
		RESTORED

	}

	/** Whether the receipt has to be cancelled. */
	public enum ReceiptCompensation {

		/** No receipt was asked for, or the checkout completed. */
		NONE,

		/**
		 * The deadline passed while the receipt was asked for but not confirmed: it may
		 * exist, so it is cancelled.
		 */
		TO_CANCEL,

		/** The receipt service confirmed that no receipt exists or ever will. */
		CANCELLED

	}

}
