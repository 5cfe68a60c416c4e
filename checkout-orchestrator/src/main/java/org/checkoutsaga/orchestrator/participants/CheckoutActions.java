package org.checkoutsaga.orchestrator.participants;

import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.ReceiptCancelled;
import org.checkoutsaga.events.SagaEvent.ReceiptStored;
import org.checkoutsaga.orchestrator.engine.ActionExecutor;
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

	CheckoutActions(StockClient stock, ReceiptClient receipts) {
		this.stock = stock;
		this.receipts = receipts;
	}

	@Override
	public CompletableFuture<SagaEvent> execute(String sagaId, SagaAction action) {
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
