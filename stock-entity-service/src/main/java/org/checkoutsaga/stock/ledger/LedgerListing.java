package org.checkoutsaga.stock.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.checkoutsaga.stock.ledger.LedgerPage.Entry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger in pages, ordered by operation id, then kind, for checkers outside the
 * service: each entry with the signed change it made to its item's stock, so that the
 * changes of an item add up to its stock.
 * <p>
 * A page never splits the entries of one operation id (a retraction and its restore share
 * it), so that paging by operation id neither skips nor repeats an entry: a page ends
 * before the operation id that would cross the limit, and only holds more entries than
 * the limit when that operation id alone has more.
 * <p>
 * Pages are read one statement at a time, not from one snapshot, and operation ids are
 * chosen by clients, so an entry written while a checker pages may sort before its
 * position and be missed; page at rest for a complete listing.
 */
public final class LedgerListing {

	/**
	 * Each entry, and for a {@code SET} the quantity the item's previous entry left,
	 * which its change is measured from.
	 */
	private static final String ENTRIES = """
			SELECT o.operation_id, o.kind, o.item_id, o.quantity, o.outcome,
			       CASE WHEN o.kind = 'SET' THEN
			           (SELECT p.quantity_after FROM stock_operation p
			            WHERE p.item_id = o.item_id AND p.seq < o.seq
			            ORDER BY p.seq DESC FETCH FIRST 1 ROWS ONLY)
			       END AS previous_quantity
			FROM stock_operation o
			""";

	private static final String ORDERED = " ORDER BY o.operation_id, o.kind FETCH FIRST :rows ROWS ONLY";

	private final JdbcClient jdbc;

	LedgerListing(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The entries after an operation id.
	 * @param after the last operation id of the previous page; null for the first page
	 * @param limit the most entries to return, unless one operation id alone has more
	 * @return the page
	 */
	public LedgerPage page(@Nullable String after, int limit) {
		List<Entry> entries = entriesAfter(after, limit + 1);
		if (entries.size() <= limit) {
			return new LedgerPage(entries, null);
		}
		String cut = entries.get(limit - 1).operationId();
		if (!entries.get(limit).operationId().equals(cut)) {
			return new LedgerPage(entries.subList(0, limit), cut);
		}
		// the page would split the entries of its last operation id: end before them
		int end = limit - 1;
		while (end > 0 && entries.get(end - 1).operationId().equals(cut)) {
			end--;
		}
		if (end > 0) {
			return new LedgerPage(entries.subList(0, end), entries.get(end - 1).operationId());
		}
		// that operation id alone fills the page: return all of it
		List<Entry> whole = entriesOf(cut);
		return new LedgerPage(whole, entriesAfter(cut, 1).isEmpty() ? null : cut);
	}

	private List<Entry> entriesAfter(@Nullable String after, int rows) {
		if (after == null) {
			return this.jdbc.sql(ENTRIES + ORDERED).param("rows", rows).query(LedgerListing::entry).list();
		}
		return this.jdbc.sql(ENTRIES + " WHERE o.operation_id > :after" + ORDERED)
			.param("after", after)
			.param("rows", rows)
			.query(LedgerListing::entry)
			.list();
	}

	private List<Entry> entriesOf(String operationId) {
		return this.jdbc.sql(ENTRIES + " WHERE o.operation_id = :operationId ORDER BY o.kind")
			.param("operationId", operationId)
			.query(LedgerListing::entry)
			.list();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		String kind = rs.getString("kind");
		long quantity = rs.getLong("quantity");
		String outcome = rs.getString("outcome");
		long delta;
		if (Kind.SET.name().equals(kind)) {
			Long previous = rs.getObject("previous_quantity", Long.class);
			delta = quantity - ((previous != null) ? previous : 0);
		}
		else {
			// an outcome the ledger never records moved nothing the listing can name
			delta = RecordedOutcome.of(outcome)
				.filter((known) -> known != RecordedOutcome.STOCK_SET)
				.map((known) -> known.change(quantity))
				.orElse(0L);
		}
		return new Entry(rs.getString("operation_id"), kind, rs.getString("item_id"), quantity, outcome, delta);
	}

}
