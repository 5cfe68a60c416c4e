package org.checkoutsaga.stock.entity;

import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.stock.entity.LedgerEntry.Kind;
import org.checkoutsaga.stock.entity.LedgerEntry.Outcome;

/**
 * Named test data for one item, {@link #ITEM}: ledger entries, commands and replies.
 */
final class Ledger {

	static final String ITEM = "item-1";

	private Ledger() {
	}

	static LedgerEntry stocked(long quantity) {
		return new LedgerEntry("set-" + quantity, Kind.SET, ITEM, quantity, Outcome.STOCK_SET, quantity);
	}

	static LedgerEntry restocked(String operationId, long quantity, long after) {
		return new LedgerEntry(operationId, Kind.RESTOCK, ITEM, quantity, Outcome.RESTOCKED, after);
	}

	static LedgerEntry retracted(String operationId, long quantity, long remaining) {
		return new LedgerEntry(operationId, Kind.RETRACT, ITEM, quantity, Outcome.RETRACTED, remaining);
	}

	static LedgerEntry refusedOutOfStock(String operationId, long requested, long available) {
		return new LedgerEntry(operationId, Kind.RETRACT, ITEM, requested, Outcome.OUT_OF_STOCK, available);
	}

	static LedgerEntry restored(String operationId, long quantity, long remaining) {
		return new LedgerEntry(operationId, Kind.RESTORE, ITEM, quantity, Outcome.RESTORED, remaining);
	}

	static LedgerEntry tombstone(String operationId, long remaining) {
		return restored(operationId, 0, remaining);
	}

	static StockItemCommand retract(String operationId, int quantity) {
		return new StockItemCommand.Retract(operationId, quantity);
	}

	static StockItemCommand restore(String operationId, int quantity) {
		return new StockItemCommand.Restore(operationId, quantity);
	}

	static StockItemCommand setTo(long quantity) {
		return new StockItemCommand.SetQuantity("admin-set-" + quantity, quantity);
	}

	static StockItemCommand restock(String operationId, long quantity) {
		return new StockItemCommand.Restock(operationId, quantity);
	}

	static StockReply retractedReply(String operationId, int quantity, long remaining) {
		return new StockReply.Retracted(operationId, ITEM, quantity, remaining);
	}

	static StockReply outOfStockReply(String operationId, int requested, long available) {
		return new StockReply.OutOfStock(operationId, ITEM, requested, available);
	}

	static StockReply unknownItemReply(String operationId) {
		return new StockReply.UnknownItem(operationId, ITEM);
	}

	static StockReply cancelledReply(String operationId) {
		return new StockReply.RetractCancelled(operationId, ITEM);
	}

	static StockReply restoredReply(String operationId, int quantity, long remaining) {
		return new StockReply.Restored(operationId, ITEM, quantity, remaining);
	}

}
