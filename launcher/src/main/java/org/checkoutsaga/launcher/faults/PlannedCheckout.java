package org.checkoutsaga.launcher.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.events.CheckoutItem;

/**
 * One checkout of a scenario's plan: its id (a UUID, used as request id or idempotency
 * key, so the checkout id is known before it is submitted), how it is submitted, and what
 * it buys.
 *
 * @param index its place in the plan
 * @param checkoutId the checkout id, also the request id / idempotency key
 * @param channel REST or Kafka
 * @param userId the buyer
 * @param items what it buys, distinct items
 */
record PlannedCheckout(int index, String checkoutId, Channel channel, String userId, List<CheckoutItem> items) {

	PlannedCheckout {
		items = List.copyOf(items);
	}

	/**
	 * @return units by item id
	 */
	Map<String, Integer> quantities() {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		this.items.forEach((item) -> quantities.put(item.itemId(), item.quantity()));
		return quantities;
	}

	/** How a checkout reaches the suite. */
	enum Channel {

		/** {@code POST /checkouts} with an {@code Idempotency-Key}. */
		REST,

		/** A record on {@code checkout-events}, the thesis payload. */
		KAFKA

	}

}
