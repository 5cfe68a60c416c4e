package org.checkoutsaga.orchestrator.participants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.ReceiptCancelled;
import org.checkoutsaga.events.SagaEvent.ReceiptStored;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.orchestrator.engine.ActionExecutor;
import org.checkoutsaga.orchestrator.ingress.CheckoutTraces;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.SagaAction;
import org.checkoutsaga.orchestrator.saga.SagaAction.CallStock;
import org.checkoutsaga.orchestrator.saga.SagaAction.CancelReceipt;
import org.checkoutsaga.orchestrator.saga.SagaAction.StoreReceipt;

/**
 * Carries out the checkout saga's actions: stock calls and the receipt, turning each
 * answer into the event the saga records.
 */
final class CheckoutActions implements ActionExecutor<SagaAction, SagaEvent> {

	private final StockClient stock;

	private final ReceiptClient receipts;

	private final MeterRegistry meters;

	private final CheckoutTraces traces;

	/**
	 * {@code checkout.step} by step and outcome, registered once: this is the hot path.
	 */
	private final Map<String, Timer> stepTimers = new HashMap<>();

	CheckoutActions(StockClient stock, ReceiptClient receipts, MeterRegistry meters, CheckoutTraces traces) {
		this.stock = stock;
		this.receipts = receipts;
		this.meters = meters;
		this.traces = traces;
		for (String step : STEPS) {
			for (String outcome : OUTCOMES) {
				this.stepTimers.put(step + "/" + outcome,
						Timer.builder("checkout.step")
							.description("One saga step: a stock call, storing or cancelling a receipt")
							.tag("step", step)
							.tag("outcome", outcome)
							.register(meters));
			}
		}
	}

	/**
	 * Performs one step, timed as {@code checkout.step} (with the client's retries,
	 * without the saga's backoff between repeats), tagged with the step and its outcome.
	 */
	@Override
	public CompletableFuture<SagaEvent> execute(String sagaId, SagaAction action) {
		Timer.Sample sample = Timer.start(this.meters);
		String step = stepOf(action);
		return this.traces.inTrace(sagaId, "checkout." + step, () -> call(action))
			.whenComplete((event, failure) -> sample
				.stop(this.stepTimers.get(step + "/" + ((failure != null) ? "failure" : "success"))));
	}

	private static final List<String> STEPS = List.of("retract", "restore", "store-receipt", "cancel-receipt");

	private static final List<String> OUTCOMES = List.of("success", "failure");

	private static String stepOf(SagaAction action) {
		if (action instanceof CallStock call) {
			return (call.command() instanceof StockCommand.Retract) ? "retract" : "restore";
		}
		return (action instanceof StoreReceipt) ? "store-receipt" : "cancel-receipt";
	}

	private CompletableFuture<SagaEvent> call(SagaAction action) {
		if (action instanceof CallStock call) {
			return this.stock.execute(call.command()).thenApply(CheckoutSaga::recordOf);
		}
		if (action instanceof CancelReceipt cancel) {
			return this.receipts.cancel(cancel.checkoutId()).thenApply(ReceiptCancelled::new);
		}
		if (action instanceof StoreReceipt store) {
			return this.receipts.store(store.request())
				.thenApply((receipt) -> new ReceiptStored(receipt.receiptId(), receipt.createdAt()));
		}
		throw new IllegalArgumentException("Unknown action " + action);
	}

}
