package org.checkoutsaga.stock.entity;

import java.util.List;

/**
 * A versioned update matched no row: another writer changed the item since this instance
 * loaded it. Fails the whole group, which is rolled back.
 */
class StaleWriteException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	StaleWriteException(List<String> itemIds) {
		super("Stale write refused for items " + itemIds + ": their rows changed behind this instance's back");
	}

}
