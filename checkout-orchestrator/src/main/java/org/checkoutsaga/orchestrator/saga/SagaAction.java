package org.checkoutsaga.orchestrator.saga;

import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.events.StockCommand;

/**
 * Something the checkout saga asks the world to do. Actions are values: the engine
 * dispatches an action once and re-dispatches it only after a failure or a restart, and
 * every action carries what makes a repeat harmless (an operation id, a checkout id).
 */
public sealed interface SagaAction {

	/** Retract or restore stock of one item. */
	record CallStock(StockCommand command) implements SagaAction {
	}

	/** Store the receipt of the completed checkout. */
	record StoreReceipt(ReceiptRequest request) implements SagaAction {
	}

	/**
	 * Cancel the checkout's receipt, whether or not it was stored, so that none exists
	 * and none can be stored later (compensation after the deadline).
	 */
	record CancelReceipt(String checkoutId) implements SagaAction {
	}

}
