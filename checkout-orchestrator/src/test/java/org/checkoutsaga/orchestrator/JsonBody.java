package org.checkoutsaga.orchestrator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.support.testing.HostileJson;

/**
 * A checkout's JSON as raw fragments, so that a fuzz case can put anything (a number, an
 * array, broken text) where a field's value belongs.
 */
final class JsonBody {

	private final Map<String, String> fields = new LinkedHashMap<>();

	private final List<Map<String, String>> items = new ArrayList<>();

	private String itemsOverride;

	/**
	 * The JSON of a valid checkout.
	 * @param userId the buyer
	 * @param items the lines
	 * @return the body, ready to break
	 */
	static JsonBody of(String userId, List<CheckoutItem> items) {
		JsonBody body = new JsonBody();
		body.fields.put("userId", HostileJson.quote(userId));
		for (CheckoutItem item : items) {
			Map<String, String> line = new LinkedHashMap<>();
			line.put("itemId", HostileJson.quote(item.itemId()));
			line.put("quantity", String.valueOf(item.quantity()));
			body.items.add(line);
		}
		return body;
	}

	/** Sets a top-level field to a raw JSON value (null removes it). */
	JsonBody field(String name, String json) {
		if (json == null) {
			this.fields.remove(name);
		}
		else {
			this.fields.put(name, json);
		}
		return this;
	}

	/** Sets a field of one item to a raw JSON value (null removes it). */
	JsonBody itemField(int index, String name, String json) {
		Map<String, String> item = this.items.get(index % this.items.size());
		if (json == null) {
			item.remove(name);
		}
		else {
			item.put(name, json);
		}
		return this;
	}

	/** Replaces the whole item list with raw JSON (null removes it). */
	JsonBody items(String json) {
		this.itemsOverride = (json != null) ? json : "";
		return this;
	}

	int itemCount() {
		return this.items.size();
	}

	String render() {
		Map<String, String> all = new LinkedHashMap<>(this.fields);
		if (this.itemsOverride == null) {
			all.put("items",
					this.items.stream()
						.map((item) -> item.entrySet()
							.stream()
							.map((entry) -> HostileJson.quote(entry.getKey()) + ": " + entry.getValue())
							.collect(Collectors.joining(", ", "{", "}")))
						.collect(Collectors.joining(", ", "[", "]")));
		}
		else if (!this.itemsOverride.isEmpty()) {
			all.put("items", this.itemsOverride);
		}
		return all.entrySet()
			.stream()
			.map((entry) -> HostileJson.quote(entry.getKey()) + ": " + entry.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

}
