package org.checkoutsaga.events;

import java.util.List;

/**
 * The business part of a checkout event: who buys what.
 *
 * @param userId the buyer
 * @param items the lines, each item at most once
 */
public record CheckoutMessage(String userId, List<CheckoutItem> items) {

	public CheckoutMessage {
		items = (items != null) ? List.copyOf(items) : null;
	}

}
