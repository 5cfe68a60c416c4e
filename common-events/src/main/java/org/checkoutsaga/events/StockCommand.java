package org.checkoutsaga.events;

/**
 * An operation the orchestrator asks a stock entity to perform. The operation id makes a
 * retry harmless: an entity applies an operation id at most once and answers a repeat
 * with the recorded reply. A {@link Restore} reuses the operation id of the
 * {@link Retract} it undoes.
 */
public sealed interface StockCommand permits StockCommand.Retract, StockCommand.Restore {

	String operationId();

	String itemId();

	int quantity();

	/**
	 * Take units out of stock; fails with {@link StockReply.OutOfStock} when stock would
	 * go below zero.
	 */
	record Retract(String operationId, String itemId, int quantity) implements StockCommand {
	}

	/**
	 * Undo the retraction with the same operation id. If that retraction never happened
	 * the entity records the restore, changes nothing, and refuses the retraction should
	 * it arrive later.
	 */
	record Restore(String operationId, String itemId, int quantity) implements StockCommand {
	}

}
