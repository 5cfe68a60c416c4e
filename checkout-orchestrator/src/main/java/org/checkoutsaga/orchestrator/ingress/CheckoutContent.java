package org.checkoutsaga.orchestrator.ingress;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.checkoutsaga.events.CheckoutItem;

/**
 * What makes two submissions under one request id the same checkout: the user and how
 * many of each item, in any order. A repeat with the same content is the same checkout
 * (deduplicated); with other content it reuses the id for another checkout (a conflict).
 * The experiment id and the client's timestamp are not compared: a retry may well carry a
 * newer timestamp.
 *
 * @param userId the buyer
 * @param quantities units by item id
 */
public record CheckoutContent(String userId, Map<String, Long> quantities) {

	/**
	 * The content of a checkout.
	 * @param userId the buyer
	 * @param items the lines, each as item id and quantity
	 * @return the content
	 */
	public static CheckoutContent of(String userId, List<CheckoutItem> items) {
		Map<String, Long> quantities = new HashMap<>();
		if (items != null) {
			for (CheckoutItem item : items) {
				if (item != null) {
					quantities.merge(Objects.toString(item.itemId()), (long) item.quantity(), Long::sum);
				}
			}
		}
		return new CheckoutContent(userId, Map.copyOf(quantities));
	}

}
