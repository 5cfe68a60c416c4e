package org.checkoutsaga.orchestrator.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.events.SagaEvent.CompensationFailed;
import org.checkoutsaga.events.SagaEvent.CompensationRetried;
import org.checkoutsaga.events.SagaEvent.DeadlinePassed;
import org.checkoutsaga.events.SagaEvent.ReceiptCancelled;
import org.checkoutsaga.events.SagaEvent.RetryRequested;
import org.checkoutsaga.events.SagaEvent.TerminationRequested;
import org.checkoutsaga.events.SagaEvent.ReceiptStored;
import org.checkoutsaga.events.SagaEvent.StockRefused;
import org.checkoutsaga.events.SagaEvent.StockRestored;
import org.checkoutsaga.events.SagaEvent.StockRetracted;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.orchestrator.engine.SagaDefinition;
import org.checkoutsaga.orchestrator.saga.CheckoutState.Line;
import org.checkoutsaga.orchestrator.saga.CheckoutState.LineStatus;
import org.checkoutsaga.orchestrator.saga.CheckoutState.ReceiptCompensation;
import org.checkoutsaga.orchestrator.saga.SagaAction.CallStock;
import org.checkoutsaga.orchestrator.saga.SagaAction.CancelReceipt;
import org.checkoutsaga.orchestrator.saga.SagaAction.StoreReceipt;

/**
 * The checkout, read top to bottom:
 * <ol>
 * <li>retract every item, all at once (fan-out);</li>
 * <li>when every retraction has answered (fan-in) and all succeeded, store the receipt:
 * the checkout is completed;</li>
 * <li>if any was refused (out of stock, unknown item), restore every item that was
 * retracted, with the operation id of its retraction: the checkout is rejected.</li>
 * <li>if the deadline in {@link CheckoutStarted#deadline()} passes first, stop going
 * forward and compensate everything that may have happened: restore every item that was
 * or may have been retracted, and cancel the receipt if it was asked for; the checkout is
 * rejected with {@link RejectionReason#TIMEOUT}. If that compensation misses its own
 * deadline the checkout shows COMPENSATION_FAILED and keeps being retried until it
 * ends.</li>
 * </ol>
 * Pure and deterministic: the same history always folds to the same state and the same
 * actions, which is what makes replay after a crash safe. Replies that no longer fit (a
 * duplicate, a late answer) leave the state unchanged.
 */
public final class CheckoutSaga implements SagaDefinition<CheckoutState, SagaEvent, SagaAction> {

	private final Duration compensationDeadline;

	/**
	 * A checkout saga.
	 * @param compensationDeadline how long the compensation may take once the deadline
	 * passed (or an operator retried it) before the checkout shows COMPENSATION_FAILED
	 */
	public CheckoutSaga(Duration compensationDeadline) {
		this.compensationDeadline = compensationDeadline;
	}

	@Override
	public CheckoutState initialState() {
		return CheckoutState.INITIAL;
	}

	@Override
	public CheckoutState evolve(CheckoutState state, SagaEvent event) {
		// Java 17 bytecode: no pattern switch yet, so an instanceof chain over the sealed
		// type
		if (event instanceof CheckoutStarted started) {
			return (state.started() != null) ? state : start(started);
		}
		if (event instanceof StockRetracted retracted) {
			return state.withLine(retracted.itemId(), LineStatus.PENDING, LineStatus.RETRACTED);
		}
		if (event instanceof StockRefused refused) {
			return refuse(state, refused);
		}
		if (event instanceof StockRestored restored) {
			return state.withLine(restored.itemId(), LineStatus.RETRACTED, LineStatus.RESTORED)
				.withLine(restored.itemId(), LineStatus.UNKNOWN, LineStatus.RESTORED);
		}
		if (event instanceof ReceiptStored receipt) {
			return storeReceipt(state, receipt);
		}
		if (event instanceof DeadlinePassed passed) {
			return compensate(state, RejectionReason.TIMEOUT, passed.compensateBy());
		}
		if (event instanceof TerminationRequested terminated) {
			return compensate(state, RejectionReason.TERMINATED, terminated.compensateBy());
		}
		if (event instanceof RetryRequested) {
			return state;
		}
		if (event instanceof ReceiptCancelled) {
			return (state.receipt() == ReceiptCompensation.TO_CANCEL)
					? state.withReceiptCompensation(ReceiptCompensation.CANCELLED) : state;
		}
		if (event instanceof CompensationFailed) {
			boolean compensating = state.deadlinePassed() && state.status() == CheckoutStatus.RUNNING;
			return compensating ? state.withCompensation(state.compensateBy(), true) : state;
		}
		if (event instanceof CompensationRetried retried) {
			boolean failed = state.status() == CheckoutStatus.COMPENSATION_FAILED;
			return failed ? state.withCompensation(retried.compensateBy(), false) : state;
		}
		throw new IllegalArgumentException("Unknown saga event " + event);
	}

	@Override
	public List<SagaAction> decide(CheckoutState state) {
		if (state.started() == null || state.status().isTerminal()) {
			return List.of();
		}
		if (!state.allAnswered()) {
			return stockCalls(state, LineStatus.PENDING);
		}
		if (state.rejection() == null) {
			return List.of(new StoreReceipt(receiptRequest(state.started())));
		}
		List<SagaAction> compensations = new ArrayList<>(stockCalls(state, LineStatus.RETRACTED));
		compensations.addAll(stockCalls(state, LineStatus.UNKNOWN));
		if (state.receipt() == ReceiptCompensation.TO_CANCEL) {
			compensations.add(new CancelReceipt(state.checkoutId()));
		}
		return compensations;
	}

	@Override
	public OptionalLong deadline(CheckoutState state) {
		if (state.started() == null || state.status().isTerminal() || state.compensationFailed()) {
			return OptionalLong.empty();
		}
		if (state.deadlinePassed()) {
			return OptionalLong.of(state.compensateBy());
		}
		long deadline = state.started().deadline();
		return (deadline > 0) ? OptionalLong.of(deadline) : OptionalLong.empty();
	}

	@Override
	public SagaEvent deadlinePassed(CheckoutState state, long now) {
		return state.deadlinePassed() ? new CompensationFailed(now)
				: new DeadlinePassed(now, now + this.compensationDeadline.toMillis());
	}

	@Override
	public Optional<SagaEvent> retryRequested(CheckoutState state, long now, String reason) {
		return Optional.of((state.status() == CheckoutStatus.COMPENSATION_FAILED)
				? new CompensationRetried(now, now + this.compensationDeadline.toMillis(), reason)
				: new RetryRequested(now, reason));
	}

	/**
	 * The event that ends a checkout on an operator's word: it compensates like a passed
	 * deadline, with reason TERMINATED (or the reason it already had). Recording it again
	 * changes nothing.
	 * @param now epoch milliseconds
	 * @param reason what the operator gave as the reason
	 * @return the event to record
	 */
	public SagaEvent terminationRequested(long now, String reason) {
		return new TerminationRequested(now, reason, now + this.compensationDeadline.toMillis());
	}

	@Override
	public boolean isFinished(CheckoutState state) {
		return state.status().isTerminal();
	}

	@Override
	public String statusOf(CheckoutState state) {
		return state.status().name();
	}

	/**
	 * Turns a stock entity's reply into the event the saga records.
	 * @param reply the typed reply
	 * @return the history event
	 */
	public static SagaEvent recordOf(StockReply reply) {
		if (reply instanceof StockReply.Retracted retracted) {
			return new StockRetracted(retracted.itemId(), retracted.quantity());
		}
		if (reply instanceof StockReply.Restored restored) {
			return new StockRestored(restored.itemId(), restored.quantity());
		}
		if (reply instanceof StockReply.OutOfStock outOfStock) {
			return new StockRefused(outOfStock.itemId(), RejectionReason.OUT_OF_STOCK,
					"requested " + outOfStock.requested() + ", available " + outOfStock.available());
		}
		if (reply instanceof StockReply.UnknownItem unknown) {
			return new StockRefused(unknown.itemId(), RejectionReason.UNKNOWN_ITEM, "item was never stocked");
		}
		if (reply instanceof StockReply.RetractCancelled cancelled) {
			return new StockRefused(cancelled.itemId(), RejectionReason.RETRACT_CANCELLED,
					"retraction arrived after its compensation");
		}
		throw new IllegalArgumentException("Unknown stock reply " + reply);
	}

	/**
	 * The operation id of an item's retraction; its restore reuses it.
	 * @param checkoutId the saga
	 * @param itemId the item
	 * @return an id unique per checkout and item
	 */
	public static String operationId(String checkoutId, String itemId) {
		return checkoutId + "/" + itemId;
	}

	private static CheckoutState start(CheckoutStarted started) {
		return new CheckoutState(started, started.items().stream().map(Line::pending).toList(), null, null, 0,
				ReceiptCompensation.NONE, 0, false);
	}

	/**
	 * Time ran out, or an operator said stop: what has not answered may or may not have
	 * happened, so it is compensated like what did happen.
	 */
	private static CheckoutState compensate(CheckoutState state, RejectionReason reason, long compensateBy) {
		if (state.started() == null || state.deadlinePassed() || state.status().isTerminal()) {
			return state;
		}
		boolean receiptAsked = state.allAnswered() && state.rejection() == null;
		CheckoutState compensating = state
			.withLines((line) -> (line.status() == LineStatus.PENDING) ? line.withStatus(LineStatus.UNKNOWN) : line)
			.withRejection(reason)
			.withCompensation(compensateBy, false);
		return receiptAsked ? compensating.withReceiptCompensation(ReceiptCompensation.TO_CANCEL) : compensating;
	}

	private static CheckoutState refuse(CheckoutState state, StockRefused refused) {
		boolean pending = state.lines()
			.stream()
			.anyMatch((line) -> line.itemId().equals(refused.itemId()) && line.status() == LineStatus.PENDING);
		return pending ? state.withLine(refused.itemId(), LineStatus.PENDING, LineStatus.REFUSED)
			.withRejection(refused.reason()) : state;
	}

	private static CheckoutState storeReceipt(CheckoutState state, ReceiptStored receipt) {
		boolean expected = state.allAnswered() && state.rejection() == null && state.receiptId() == null;
		return expected ? state.withReceipt(receipt.receiptId(), receipt.createdAt()) : state;
	}

	private static List<SagaAction> stockCalls(CheckoutState state, LineStatus status) {
		String checkoutId = state.checkoutId();
		List<SagaAction> calls = new ArrayList<>();
		for (Line line : state.lines()) {
			if (line.status() == status) {
				String operationId = operationId(checkoutId, line.itemId());
				StockCommand command = (status == LineStatus.PENDING)
						? new StockCommand.Retract(operationId, line.itemId(), line.quantity())
						: new StockCommand.Restore(operationId, line.itemId(), line.quantity());
				calls.add(new CallStock(command));
			}
		}
		return calls;
	}

	private static ReceiptRequest receiptRequest(CheckoutStarted started) {
		return new ReceiptRequest(started.checkoutId(), started.userId(), started.items(), started.clientTimestamp());
	}

}
