package org.checkoutsaga.stock.entity;

/**
 * A stock item as its entity sees it.
 *
 * @param itemId the item
 * @param quantity units in stock
 * @param version the row version: one more for every operation recorded on the item
 */
public record ItemState(String itemId, long quantity, long version) {
}
