package org.checkoutsaga.stock.entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.stock.entity.LedgerEntry.Kind;
import org.checkoutsaga.stock.entity.LedgerEntry.OpKey;
import org.checkoutsaga.stock.entity.LedgerEntry.Outcome;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads of the stock tables: an item's row when its entity loads, and the ledger entries
 * of operation ids an entity has not seen in memory. Writes go through
 * {@link StockWriter}.
 */
final class StockStore {

	/**
	 * IN lists are padded to these sizes so that the database sees a handful of distinct
	 * statements, not one per list length.
	 */
	private static final int[] IN_LIST_SIZES = { 1, 4, 16, 64, 256 };

	private final JdbcClient jdbc;

	StockStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	StockItem load(String itemId) {
		return this.jdbc.sql("SELECT quantity, version FROM stock_item WHERE item_id = ?")
			.param(itemId)
			.query((rs, row) -> StockItem.stocked(itemId, rs.getLong("quantity"), rs.getLong("version")))
			.optional()
			.orElseGet(() -> StockItem.unknown(itemId));
	}

	/**
	 * The recorded entries of the given operation ids, of every kind.
	 * @param operationIds the operation ids
	 * @return the entries found, by key
	 */
	Map<OpKey, LedgerEntry> findRecorded(Collection<String> operationIds) {
		Map<OpKey, LedgerEntry> found = new HashMap<>();
		List<String> ids = new ArrayList<>(operationIds);
		int max = IN_LIST_SIZES[IN_LIST_SIZES.length - 1];
		for (int from = 0; from < ids.size(); from += max) {
			List<String> chunk = padded(ids.subList(from, Math.min(ids.size(), from + max)));
			this.jdbc
				.sql("SELECT operation_id, kind, item_id, quantity, outcome, quantity_after FROM stock_operation"
						+ " WHERE operation_id IN (:ids)")
				.param("ids", chunk)
				.query((rs, row) -> new LedgerEntry(rs.getString("operation_id"), Kind.valueOf(rs.getString("kind")),
						rs.getString("item_id"), rs.getLong("quantity"),
						Outcome.ofRecordedName(rs.getString("outcome")), rs.getLong("quantity_after")))
				.list()
				.forEach((entry) -> found.put(entry.key(), entry));
		}
		return found;
	}

	private static List<String> padded(List<String> ids) {
		int size = IN_LIST_SIZES[IN_LIST_SIZES.length - 1];
		for (int candidate : IN_LIST_SIZES) {
			if (candidate >= ids.size()) {
				size = candidate;
				break;
			}
		}
		List<String> padded = new ArrayList<>(size);
		padded.addAll(ids);
		while (padded.size() < size) {
			padded.add(ids.get(0));
		}
		return padded;
	}

}
