package org.checkoutsaga.stock.api;

/**
 * The item was never stocked.
 */
class ItemNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String itemId;

	ItemNotFoundException(String itemId) {
		super("No stock item '" + itemId + "'");
		this.itemId = itemId;
	}

	String itemId() {
		return this.itemId;
	}

}
