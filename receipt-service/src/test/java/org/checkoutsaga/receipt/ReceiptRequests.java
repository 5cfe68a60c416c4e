package org.checkoutsaga.receipt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.ReceiptRequest;

/**
 * Test data: receipt requests, as records and as mutable JSON-shaped maps that a test can
 * break one field at a time.
 */
final class ReceiptRequests {

	static final long CLIENT_TIMESTAMP = 1_700_000_000_000L;

	private ReceiptRequests() {
	}

	static String newCheckoutId() {
		return "checkout-" + UUID.randomUUID();
	}

	static ReceiptRequest twoItems(String checkoutId) {
		return new ReceiptRequest(checkoutId, "user-1",
				List.of(new CheckoutItem("item-a", 2), new CheckoutItem("item-b", 1)), CLIENT_TIMESTAMP);
	}

	/**
	 * The JSON body of {@link #twoItems(String)}, every level mutable.
	 */
	static Map<String, Object> twoItemsBody(String checkoutId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("checkoutId", checkoutId);
		body.put("userId", "user-1");
		body.put("items", new ArrayList<>(List.of(item("item-a", 2), item("item-b", 1))));
		body.put("clientTimestamp", CLIENT_TIMESTAMP);
		return body;
	}

	static Map<String, Object> item(String itemId, Object quantity) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("itemId", itemId);
		item.put("quantity", quantity);
		return item;
	}

	static List<Object> items(int count) {
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(item("item-" + i, 1));
		}
		return items;
	}

}
