package org.checkoutsaga.stock.entity;

import org.checkoutsaga.stock.entity.LedgerEntry.Kind;

/**
 * What a stock entity is asked to do, one operation id each. {@link #kind()} names the
 * record, so that the entity can {@code switch} over commands on Java 17, which has no
 * pattern matching for {@code switch} yet.
 */
sealed interface StockItemCommand {

	String operationId();

	Kind kind();

	/** Take units out of stock, if there are enough. */
	record Retract(String operationId, int quantity) implements StockItemCommand {

		@Override
		public Kind kind() {
			return Kind.RETRACT;
		}

	}

	/** Undo the retraction with the same operation id, or make sure it never happens. */
	record Restore(String operationId, int quantity) implements StockItemCommand {

		@Override
		public Kind kind() {
			return Kind.RESTORE;
		}

	}

	/** Admin: the item has exactly this stock from now on; creates the item if new. */
	record SetQuantity(String operationId, long quantity) implements StockItemCommand {

		@Override
		public Kind kind() {
			return Kind.SET;
		}

	}

	/** Admin: units arrived for an existing item. */
	record Restock(String operationId, long quantity) implements StockItemCommand {

		@Override
		public Kind kind() {
			return Kind.RESTOCK;
		}

	}

}
