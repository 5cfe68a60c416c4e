package org.checkoutsaga.stock.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.stock.ledger.AuditedEntry.Partner;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.checkoutsaga.stock.ledger.Findings.units;

/**
 * Checks the stock's invariants in the database, item by item:
 * <ul>
 * <li>replaying an item's ledger entries in the order they were written (the last
 * {@code SET}, then {@code +} restocks, {@code -} applied retractions, {@code +} applied
 * restores) gives its {@code stock_item.quantity}, and never goes below zero on the
 * way;</li>
 * <li>each entry's {@code quantity_after} follows from the entry before it, and its
 * outcome fits its kind;</li>
 * <li>a restore gives back exactly what the retraction of the same operation id and item
 * took before it; a restore that found nothing to give back (a tombstone) changes
 * nothing; a retraction after its restore is cancelled, not applied;</li>
 * <li>an operation id is recorded at most once per kind;</li>
 * <li>every item in {@code stock_item} has ledger entries, and a {@code SET} among them
 * created it; an item in the ledger without a row has only refusals of an unknown item,
 * tombstones and cancelled retractions recorded.</li>
 * </ul>
 * The ledger is read in pages of {@code pageSize} entries, so that the memory an audit
 * needs does not grow with the ledger.
 * <p>
 * This is a point-in-time check of the database, not of the entities' memory, and not a
 * snapshot: the pages are read one after another while the service goes on writing. An
 * item's row is read in the same statement as its latest entries, so each item is checked
 * consistently, but the report as a whole is only meaningful at rest, or item by item. A
 * violation found under load is worth a second audit of that item before acting on it.
 */
final class StockAudit {

	/** Entries read per statement. */
	static final int PAGE_SIZE = 1000;

	/** Violations listed in a report; more are only counted. */
	static final int MAX_LISTED_VIOLATIONS = 1000;

	/**
	 * Every entry with its item's row and, for a retraction or a restore, the other half
	 * of its pair. Ordered by item, then by the order of writing, and read from a
	 * position on, so that each page starts where the last one ended.
	 */
	private static final String ENTRIES = """
			SELECT o.seq, o.operation_id, o.kind, o.item_id, o.quantity, o.outcome, o.quantity_after,
			       i.quantity AS stored_quantity,
			       p.item_id AS partner_item_id, p.outcome AS partner_outcome,
			       p.quantity AS partner_quantity, p.seq AS partner_seq
			FROM stock_operation o
			LEFT JOIN stock_item i ON i.item_id = o.item_id
			LEFT JOIN stock_operation p ON p.operation_id = o.operation_id
			    AND p.kind = CASE o.kind WHEN 'RETRACT' THEN 'RESTORE' WHEN 'RESTORE' THEN 'RETRACT' END
			""";

	private static final String IN_ORDER = """
			ORDER BY o.item_id, o.seq
			FETCH FIRST :rows ROWS ONLY
			""";

	/**
	 * The rest of one item. A page goes on with the items after it in a second statement:
	 * one condition on {@code (item_id, seq)} would make H2 scan an item's entries from
	 * its first on every page.
	 */
	private static final String REST_OF_ITEM = """
			WHERE o.item_id = :itemId AND o.seq > :seq
			ORDER BY o.seq
			FETCH FIRST :rows ROWS ONLY
			""";

	private static final String ITEMS_AFTER = """
			WHERE o.item_id > :itemId
			ORDER BY o.item_id, o.seq
			FETCH FIRST :rows ROWS ONLY
			""";

	private static final String ITEMS_WITHOUT_ENTRIES = """
			SELECT i.item_id, i.quantity FROM stock_item i
			WHERE NOT EXISTS (SELECT 1 FROM stock_operation o WHERE o.item_id = i.item_id)
			""";

	private static final String DUPLICATES = """
			SELECT operation_id, kind, COUNT(*) AS copies, MIN(item_id) AS first_item, MAX(item_id) AS last_item
			FROM stock_operation
			""";

	private final JdbcClient jdbc;

	private final int pageSize;

	private final int maxListed;

	StockAudit(JdbcClient jdbc) {
		this(jdbc, PAGE_SIZE, MAX_LISTED_VIOLATIONS);
	}

	StockAudit(JdbcClient jdbc, int pageSize, int maxListed) {
		this.jdbc = jdbc;
		this.pageSize = pageSize;
		this.maxListed = maxListed;
	}

	/**
	 * Audits every item.
	 * @return what was found
	 */
	AuditReport auditAll() {
		return audit(null);
	}

	/**
	 * Audits one item: its entries, its row, and its operation ids.
	 * @param itemId the item
	 * @return what was found; nothing checked if the item has neither row nor entries
	 */
	AuditReport auditItem(String itemId) {
		return audit(itemId);
	}

	private AuditReport audit(@Nullable String onlyItem) {
		Findings findings = new Findings(this.maxListed);
		long items = 0;
		long operations = 0;
		ItemReplay replay = null;
		AuditedEntry last = null;
		List<AuditedEntry> page;
		do {
			page = entriesAfter(onlyItem, last);
			for (AuditedEntry entry : page) {
				if (replay == null || !replay.itemId().equals(entry.itemId())) {
					if (replay != null) {
						replay.finish(findings);
					}
					replay = new ItemReplay(entry.itemId());
					items++;
				}
				replay.apply(entry, findings);
				operations++;
				last = entry;
			}
		}
		while (page.size() == this.pageSize);
		if (replay != null) {
			replay.finish(findings);
		}
		items += checkItemsWithoutEntries(onlyItem, findings);
		checkDuplicates(onlyItem, findings);
		return findings.report(items, operations);
	}

	/**
	 * The next page of entries.
	 * @param onlyItem the item audited alone, or null for all
	 * @param last the last entry of the previous page, null for the first page
	 */
	private List<AuditedEntry> entriesAfter(@Nullable String onlyItem, @Nullable AuditedEntry last) {
		if (onlyItem != null) {
			return entries(REST_OF_ITEM, restOf(onlyItem, (last != null) ? last.seq() : Long.MIN_VALUE), this.pageSize);
		}
		if (last == null) {
			return entries(IN_ORDER, Map.of(), this.pageSize);
		}
		List<AuditedEntry> page = new ArrayList<>(this.pageSize);
		page.addAll(entries(REST_OF_ITEM, restOf(last.itemId(), last.seq()), this.pageSize));
		if (page.size() < this.pageSize) {
			page.addAll(entries(ITEMS_AFTER, Map.of("itemId", last.itemId()), this.pageSize - page.size()));
		}
		return page;
	}

	private static Map<String, Object> restOf(String itemId, long afterSeq) {
		return Map.of("itemId", itemId, "seq", afterSeq);
	}

	private List<AuditedEntry> entries(String condition, Map<String, ?> params, int rows) {
		return this.jdbc.sql(ENTRIES + condition).params(params).param("rows", rows).query(StockAudit::entry).list();
	}

	private static AuditedEntry entry(ResultSet rs, int row) throws SQLException {
		Partner partner = (rs.getString("partner_outcome") != null) ? new Partner(rs.getString("partner_item_id"),
				rs.getString("partner_outcome"), rs.getLong("partner_quantity"), rs.getLong("partner_seq")) : null;
		return new AuditedEntry(rs.getLong("seq"), rs.getString("operation_id"), rs.getString("kind"),
				rs.getString("item_id"), rs.getLong("quantity"), rs.getString("outcome"), rs.getLong("quantity_after"),
				rs.getObject("stored_quantity", Long.class), partner);
	}

	/**
	 * Reports every row of {@code stock_item} without a ledger entry: nothing explains
	 * its stock.
	 * @return how many were found
	 */
	private long checkItemsWithoutEntries(@Nullable String onlyItem, Findings findings) {
		long found = 0;
		String after = null;
		List<StoredItem> page;
		do {
			page = itemsWithoutEntries(onlyItem, after);
			for (StoredItem item : page) {
				findings.add(item.itemId(), null,
						"stock_item holds " + units(item.quantity()) + ", but the ledger has no entry for the item");
				after = item.itemId();
			}
			found += page.size();
		}
		while (onlyItem == null && page.size() == this.pageSize);
		return found;
	}

	private List<StoredItem> itemsWithoutEntries(@Nullable String onlyItem, @Nullable String after) {
		String sql = ITEMS_WITHOUT_ENTRIES;
		if (onlyItem != null) {
			sql += " AND i.item_id = :itemId";
		}
		else if (after != null) {
			sql += " AND i.item_id > :itemId";
		}
		String itemId = (onlyItem != null) ? onlyItem : after;
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql + " ORDER BY i.item_id FETCH FIRST :rows ROWS ONLY")
			.param("rows", this.pageSize);
		if (itemId != null) {
			statement = statement.param("itemId", itemId);
		}
		return statement.query((rs, row) -> new StoredItem(rs.getString("item_id"), rs.getLong("quantity"))).list();
	}

	/**
	 * Reports every operation id recorded more than once for one kind. The ledger's
	 * primary key forbids it; this checks that the key is still there.
	 */
	private void checkDuplicates(@Nullable String onlyItem, Findings findings) {
		Duplicate last = null;
		List<Duplicate> page;
		do {
			page = duplicatesAfter(onlyItem, last);
			for (Duplicate duplicate : page) {
				String items = duplicate.firstItem().equals(duplicate.lastItem()) ? ""
						: " (on items " + duplicate.firstItem() + ((duplicate.copies() == 2) ? " and " : " to ")
								+ duplicate.lastItem() + ")";
				findings.add(duplicate.firstItem(), duplicate.operationId(),
						"Operation id " + duplicate.operationId() + " is recorded " + duplicate.copies() + " times as "
								+ duplicate.kind() + items + "; an operation id is recorded once per kind");
				last = duplicate;
			}
		}
		while (page.size() == this.pageSize);
	}

	private List<Duplicate> duplicatesAfter(@Nullable String onlyItem, @Nullable Duplicate last) {
		StringBuilder sql = new StringBuilder(DUPLICATES);
		String where = " WHERE ";
		if (onlyItem != null) {
			sql.append(where)
				.append("operation_id IN (SELECT s.operation_id FROM stock_operation s WHERE s.item_id = :itemId)");
			where = " AND ";
		}
		if (last != null) {
			sql.append(where).append("operation_id >= :operationId AND (operation_id > :operationId OR kind > :kind)");
		}
		sql.append(" GROUP BY operation_id, kind HAVING COUNT(*) > 1 ORDER BY operation_id, kind")
			.append(" FETCH FIRST :rows ROWS ONLY");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("rows", this.pageSize);
		if (onlyItem != null) {
			statement = statement.param("itemId", onlyItem);
		}
		if (last != null) {
			statement = statement.param("operationId", last.operationId()).param("kind", last.kind());
		}
		return statement
			.query((rs, row) -> new Duplicate(rs.getString("operation_id"), rs.getString("kind"), rs.getLong("copies"),
					rs.getString("first_item"), rs.getString("last_item")))
			.list();
	}

	private record StoredItem(String itemId, long quantity) {
	}

	private record Duplicate(String operationId, String kind, long copies, String firstItem, String lastItem) {
	}

}
