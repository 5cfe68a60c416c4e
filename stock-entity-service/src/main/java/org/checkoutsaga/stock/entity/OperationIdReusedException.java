package org.checkoutsaga.stock.entity;

/**
 * An operation id already recorded for another item was sent for this one, or one request
 * sent it for two items. Operation ids are unique across items (the orchestrator's are
 * {@code <checkoutId>/<itemId>}): the request is refused before any of it is applied, so
 * that a restore can never give back units another item's retraction took.
 */
public class OperationIdReusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String operationId;

	private final String itemId;

	private final String recordedItemId;

	OperationIdReusedException(String operationId, String itemId, String recordedItemId) {
		super("Operation id '" + operationId + "' is recorded for item '" + recordedItemId
				+ "' and cannot be used for item '" + itemId + "'");
		this.operationId = operationId;
		this.itemId = itemId;
		this.recordedItemId = recordedItemId;
	}

	public String operationId() {
		return this.operationId;
	}

	public String itemId() {
		return this.itemId;
	}

	public String recordedItemId() {
		return this.recordedItemId;
	}

}
