package org.checkoutsaga.stock.entity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.stock.entity.ItemWrite.RowChange;
import org.checkoutsaga.support.BatchWriter;

/**
 * Writes one group of entity writes in the transaction of the group committer: every
 * ledger entry, and per item one versioned update of its row from the version the first
 * write expected to the values of the last (or one insert for a new item). An update that
 * matches no row means another writer got there first: the whole group fails.
 */
final class StockWriter implements BatchWriter<ItemWrite> {

	private static final String INSERT_ITEM = "INSERT INTO stock_item (item_id, quantity, version, updated_at)"
			+ " VALUES (?, ?, ?, ?)";

	private static final String UPDATE_ITEM = "UPDATE stock_item SET quantity = ?, version = ?, updated_at = ?"
			+ " WHERE item_id = ? AND version = ?";

	private static final String INSERT_ENTRY = "INSERT INTO stock_operation"
			+ " (operation_id, kind, item_id, quantity, outcome, quantity_after, recorded_at)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?)";

	private final Clock clock;

	StockWriter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void write(Connection connection, List<ItemWrite> batch) throws SQLException {
		List<ItemWrite> writes = new ArrayList<>(batch.size());
		for (ItemWrite write : batch) {
			if (write.owner().isPoisoned()) {
				write.skip();
			}
			else {
				writes.add(write);
			}
		}
		try {
			writeAll(connection, writes);
		}
		catch (SQLException | RuntimeException ex) {
			// poison now, before the next group is written: later writes of these
			// entities
			// were decided on state that is being rolled back
			writes.forEach((write) -> write.owner().poison());
			throw ex;
		}
	}

	private void writeAll(Connection connection, List<ItemWrite> writes) throws SQLException {
		if (writes.isEmpty()) {
			return;
		}
		Map<LiveItem, Row> rows = new LinkedHashMap<>();
		for (ItemWrite write : writes) {
			if (write.row() != null) {
				rows.merge(write.owner(), new Row(write.entry().itemId(), write.row()), Row::then);
			}
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		updateRows(connection, rows.values(), now);
		insertRows(connection, rows.values(), now);
		insertEntries(connection, writes, now);
	}

	private void updateRows(Connection connection, Iterable<Row> rows, OffsetDateTime now) throws SQLException {
		List<String> itemIds = new ArrayList<>();
		try (PreparedStatement update = connection.prepareStatement(UPDATE_ITEM)) {
			for (Row row : rows) {
				if (!row.change().insert()) {
					update.setLong(1, row.change().quantity());
					update.setLong(2, row.change().version());
					update.setObject(3, now);
					update.setString(4, row.itemId());
					update.setLong(5, row.change().expectedVersion());
					update.addBatch();
					itemIds.add(row.itemId());
				}
			}
			if (itemIds.isEmpty()) {
				return;
			}
			int[] counts = update.executeBatch();
			List<String> stale = new ArrayList<>();
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] == 0) {
					stale.add(itemIds.get(i));
				}
			}
			if (!stale.isEmpty()) {
				throw new StaleWriteException(stale);
			}
		}
	}

	private void insertRows(Connection connection, Iterable<Row> rows, OffsetDateTime now) throws SQLException {
		boolean any = false;
		try (PreparedStatement insert = connection.prepareStatement(INSERT_ITEM)) {
			for (Row row : rows) {
				if (row.change().insert()) {
					insert.setString(1, row.itemId());
					insert.setLong(2, row.change().quantity());
					insert.setLong(3, row.change().version());
					insert.setObject(4, now);
					insert.addBatch();
					any = true;
				}
			}
			if (any) {
				insert.executeBatch();
			}
		}
	}

	private void insertEntries(Connection connection, List<ItemWrite> writes, OffsetDateTime now) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
			for (ItemWrite write : writes) {
				LedgerEntry entry = write.entry();
				insert.setString(1, entry.operationId());
				insert.setString(2, entry.kind().name());
				insert.setString(3, entry.itemId());
				insert.setLong(4, entry.quantity());
				insert.setString(5, entry.outcome().recordedName());
				insert.setLong(6, entry.quantityAfter());
				insert.setObject(7, now);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private record Row(String itemId, RowChange change) {

		Row then(Row next) {
			return new Row(this.itemId, this.change.then(next.change));
		}

	}

}
