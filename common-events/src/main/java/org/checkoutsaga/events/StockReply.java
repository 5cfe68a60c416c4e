package org.checkoutsaga.events;

/**
 * A stock entity's typed answer to a {@link StockCommand}. Business failures are replies,
 * not errors: infrastructure failures (timeouts, 5xx) never produce a reply.
 */
public sealed interface StockReply permits StockReply.Retracted, StockReply.OutOfStock, StockReply.UnknownItem,
		StockReply.RetractCancelled, StockReply.Restored {

	String operationId();

	String itemId();

	/** The units were taken; {@code remaining} is left. */
	record Retracted(String operationId, String itemId, int quantity, long remaining) implements StockReply {
	}

	/** Fewer than {@code requested} units were in stock; nothing changed. */
	record OutOfStock(String operationId, String itemId, int requested, long available) implements StockReply {
	}

	/** The item was never stocked; nothing changed. */
	record UnknownItem(String operationId, String itemId) implements StockReply {
	}

	/**
	 * The retraction arrived after its restore had already been recorded; nothing
	 * changed.
	 */
	record RetractCancelled(String operationId, String itemId) implements StockReply {
	}

	/**
	 * The retraction with this operation id is undone: {@code quantity} units went back,
	 * zero when the retraction had never been applied.
	 */
	record Restored(String operationId, String itemId, int quantity, long remaining) implements StockReply {
	}

}
