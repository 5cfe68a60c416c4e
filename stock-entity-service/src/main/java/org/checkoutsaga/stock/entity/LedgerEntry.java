package org.checkoutsaga.stock.entity;

import java.util.Arrays;

import org.checkoutsaga.events.StockReply;

/**
 * What happened to one stock item: one row of the append-only ledger
 * {@code stock_operation}. An entity records an entry first and changes its state only by
 * applying entries, so replaying an item's entries rebuilds it. Refusals are entries too:
 * a repeated operation is answered from its entry, whatever the stock is by then.
 *
 * @param operationId the caller's operation id (generated for admin operations)
 * @param kind what was asked
 * @param itemId the item
 * @param quantity the units moved; for refusals the units asked for; zero for a restore
 * whose retraction never happened (a tombstone)
 * @param outcome what happened
 * @param quantityAfter the item's stock once the entry is applied
 */
record LedgerEntry(String operationId, Kind kind, String itemId, long quantity, Outcome outcome, long quantityAfter) {

	OpKey key() {
		return new OpKey(this.operationId, this.kind);
	}

	/**
	 * The reply the entry stands for; the same for the first answer and every repeat.
	 * @return the typed reply
	 */
	StockReply toReply() {
		int units = Math.toIntExact(this.quantity);
		return switch (this.outcome) {
			case RETRACTED -> new StockReply.Retracted(this.operationId, this.itemId, units, this.quantityAfter);
			case OUT_OF_STOCK -> new StockReply.OutOfStock(this.operationId, this.itemId, units, this.quantityAfter);
			case UNKNOWN_ITEM -> new StockReply.UnknownItem(this.operationId, this.itemId);
			case RETRACT_CANCELLED -> new StockReply.RetractCancelled(this.operationId, this.itemId);
			case RESTORED -> new StockReply.Restored(this.operationId, this.itemId, units, this.quantityAfter);
			case STOCK_SET, RESTOCKED ->
				throw new IllegalStateException("An admin operation has no stock reply: " + this);
		};
	}

	/** The kinds of operation, the {@code kind} column. */
	enum Kind {

		RETRACT, RESTORE, SET, RESTOCK

	}

	/**
	 * What an operation led to, stored in the {@code outcome} column as the name of the
	 * reply type it stands for.
	 */
	enum Outcome {

		RETRACTED("Retracted"), OUT_OF_STOCK("OutOfStock"), UNKNOWN_ITEM("UnknownItem"),
		RETRACT_CANCELLED("RetractCancelled"), RESTORED("Restored"), STOCK_SET("StockSet"), RESTOCKED("Restocked");

		private final String recordedName;

		Outcome(String recordedName) {
			this.recordedName = recordedName;
		}

		String recordedName() {
			return this.recordedName;
		}

		static Outcome ofRecordedName(String name) {
			return Arrays.stream(values())
				.filter((outcome) -> outcome.recordedName.equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unknown outcome '" + name + "'"));
		}

	}

	/**
	 * The ledger's primary key: an operation id is applied at most once per kind.
	 *
	 * @param operationId the operation id
	 * @param kind the kind
	 */
	record OpKey(String operationId, Kind kind) {
	}

}
