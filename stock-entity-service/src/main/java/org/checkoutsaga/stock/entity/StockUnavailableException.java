package org.checkoutsaga.stock.entity;

/**
 * An operation could not be made durable: the database failed, or another writer changed
 * the item behind this instance's back (its cached entity is reloaded). Nothing of the
 * operation is recorded; retrying it with the same operation id is safe.
 */
public class StockUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	StockUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
