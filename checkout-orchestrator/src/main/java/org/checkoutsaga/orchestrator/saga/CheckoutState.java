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
 * @param rejection the first business refusal, null while none
 * @param receiptId the stored receipt, null until stored
 * @param completedAt when the receipt was stored, epoch milliseconds; 0 until then
 */
public record CheckoutState(CheckoutStarted started, List<Line> lines, RejectionReason rejection, String receiptId,
		long completedAt) {

	static final CheckoutState INITIAL = new CheckoutState(null, List.of(), null, null, 0);

	public CheckoutState {
		lines = List.copyOf(lines);
	}

	/**
	 * Where the checkout stands, derived from its lines: completed once the receipt is
	 * stored, rejected once every item has answered, one refused and none is still taken.
	 * @return the status
	 */
	public CheckoutStatus status() {
		if (this.receiptId != null) {
			return CheckoutStatus.COMPLETED;
		}
		if (this.started != null && allAnswered() && this.rejection != null && none(LineStatus.RETRACTED)) {
			return CheckoutStatus.REJECTED;
		}
		return CheckoutStatus.RUNNING;
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

	CheckoutState withLine(String itemId, LineStatus from, LineStatus to) {
		return withLines(
				(line) -> (line.itemId().equals(itemId) && line.status() == from) ? line.withStatus(to) : line);
	}

	CheckoutState withLines(UnaryOperator<Line> change) {
		List<Line> changed = new ArrayList<>(this.lines.size());
		for (Line line : this.lines) {
			changed.add(change.apply(line));
		}
		return new CheckoutState(this.started, changed, this.rejection, this.receiptId, this.completedAt);
	}

	CheckoutState withRejection(RejectionReason reason) {
		return new CheckoutState(this.started, this.lines, (this.rejection != null) ? this.rejection : reason,
				this.receiptId, this.completedAt);
	}

	CheckoutState withReceipt(String receiptId, long createdAt) {
		return new CheckoutState(this.started, this.lines, this.rejection, receiptId, createdAt);
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

		/** The stock service refused for a business reason; nothing was taken. */
		REFUSED,

		/** The units were taken and given back (compensation). */
		RESTORED

	}

}
