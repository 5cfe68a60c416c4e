package org.checkoutsaga.events;

/**
 * One line of a checkout: how many units of which item.
 *
 * @param itemId the stock entity the units are taken from
 * @param quantity how many units, at least one
 */
public record CheckoutItem(String itemId, int quantity) {
}
