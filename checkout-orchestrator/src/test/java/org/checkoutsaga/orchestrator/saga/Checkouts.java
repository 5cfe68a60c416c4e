package org.checkoutsaga.orchestrator.saga;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.orchestrator.saga.SagaAction.CallStock;
import org.checkoutsaga.orchestrator.saga.SagaAction.StoreReceipt;

/**
 * Named test data: a checkout of two items, the events that can happen to it and the
 * actions the saga may take.
 */
final class Checkouts {

	static final String ID = "c-1";

	static final String APPLE = "apple";

	static final String PEAR = "pear";

	/** When the checkout's deadline passes, epoch milliseconds. */
	static final long DEADLINE = 61_000L;

	/** How long compensation may take after the deadline. */
	static final Duration COMPENSATION = Duration.ofSeconds(30);

	static final long COMPENSATE_BY = DEADLINE + COMPENSATION.toMillis();

	private Checkouts() {
	}

	/** Two units of apple, one of pear. */
	static CheckoutStarted twoItems() {
		return new CheckoutStarted(ID, "r-1", "exp", "u-1",
				List.of(new CheckoutItem(APPLE, 2), new CheckoutItem(PEAR, 1)), 1_000L, SagaEvent.Source.KAFKA,
				DEADLINE);
	}

	static SagaEvent deadlinePassed() {
		return new SagaEvent.DeadlinePassed(DEADLINE, COMPENSATE_BY);
	}

	static SagaEvent compensationFailed() {
		return new SagaEvent.CompensationFailed(COMPENSATE_BY);
	}

	static SagaEvent compensationRetried() {
		return new SagaEvent.CompensationRetried(COMPENSATE_BY + 5_000, COMPENSATE_BY + 5_000 + COMPENSATION.toMillis(),
				"stock service is back");
	}

	static SagaEvent receiptCancelled(boolean existed) {
		return new SagaEvent.ReceiptCancelled(existed);
	}

	static SagaAction cancelReceipt() {
		return new SagaAction.CancelReceipt(ID);
	}

	/**
	 * Random checkouts for property tests: 1 to {@code maxItems} distinct items of a pool
	 * of 21, 1 to 3 units each.
	 * @param maxItems the most items
	 * @param deadline the deadline recorded in the start
	 * @return the generator
	 */
	static Arbitrary<CheckoutStarted> arbitrary(int maxItems, long deadline) {
		Arbitrary<CheckoutItem> items = Arbitraries.integers()
			.between(0, 20)
			.flatMap((n) -> Arbitraries.integers().between(1, 3).map((q) -> new CheckoutItem("item-" + n, q)));
		return items.list()
			.ofMinSize(1)
			.ofMaxSize(maxItems)
			.uniqueElements(CheckoutItem::itemId)
			.map((lines) -> new CheckoutStarted("c-1", "r-1", null, "u-1", lines, 0L, SagaEvent.Source.KAFKA,
					deadline));
	}

	static SagaEvent retracted(String itemId) {
		return new SagaEvent.StockRetracted(itemId, quantityOf(itemId));
	}

	static SagaEvent outOfStock(String itemId) {
		return new SagaEvent.StockRefused(itemId, RejectionReason.OUT_OF_STOCK, "requested 2, available 0");
	}

	static SagaEvent unknownItem(String itemId) {
		return new SagaEvent.StockRefused(itemId, RejectionReason.UNKNOWN_ITEM, "item was never stocked");
	}

	static SagaEvent restored(String itemId) {
		return new SagaEvent.StockRestored(itemId, quantityOf(itemId));
	}

	static SagaEvent receiptStored() {
		return new SagaEvent.ReceiptStored("receipt-1", 2_000L);
	}

	static SagaAction retract(String itemId) {
		return new CallStock(
				new StockCommand.Retract(CheckoutSaga.operationId(ID, itemId), itemId, quantityOf(itemId)));
	}

	static SagaAction restore(String itemId) {
		return new CallStock(
				new StockCommand.Restore(CheckoutSaga.operationId(ID, itemId), itemId, quantityOf(itemId)));
	}

	static SagaAction storeReceipt() {
		CheckoutStarted started = twoItems();
		return new StoreReceipt(new ReceiptRequest(ID, started.userId(), started.items(), started.clientTimestamp()));
	}

	private static int quantityOf(String itemId) {
		return twoItems().items()
			.stream()
			.filter((item) -> item.itemId().equals(itemId))
			.findFirst()
			.orElseThrow()
			.quantity();
	}

}
