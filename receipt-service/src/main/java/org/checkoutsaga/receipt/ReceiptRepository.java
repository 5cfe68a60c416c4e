package org.checkoutsaga.receipt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.Receipt;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the {@code receipt} table, one row per checkout: a live receipt, a cancelled
 * one, or a tombstone (see {@link ReceiptState}). Reads go through {@link JdbcClient};
 * writes are batched by the group committer on its own connection and transaction, see
 * {@link ReceiptWriter}.
 */
@Repository
class ReceiptRepository {

	private static final TypeReference<List<CheckoutItem>> ITEMS = new TypeReference<>() {
	};

	private static final String COLUMNS = "checkout_id, receipt_id, user_id, items, client_timestamp, created_at, cancelled_at";

	/** The most checkout ids one {@code IN} list holds. */
	private static final int MAX_IDS_PER_QUERY = 500;

	private final JdbcClient jdbc;

	private final JsonMapper jsonMapper;

	ReceiptRepository(JdbcClient jdbc, JsonMapper jsonMapper) {
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The committed state of a checkout.
	 * @param checkoutId the checkout
	 * @return its state, {@link ReceiptState.Absent} if it has no row
	 */
	ReceiptState findState(String checkoutId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM receipt WHERE checkout_id = ?")
			.param(checkoutId)
			.query((resultSet, row) -> toState(resultSet))
			.optional()
			.orElseGet(() -> new ReceiptState.Absent(checkoutId));
	}

	/**
	 * How many live receipts are stored; cancelled ones and tombstones do not count.
	 */
	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM receipt WHERE cancelled_at IS NULL").query(Long.class).single();
	}

	/**
	 * One page of live receipts in checkout id order.
	 * @param after the checkout id the page starts after, {@code null} for the first page
	 * @param limit the most receipts on the page
	 * @return the page, whose {@code next} is {@code null} when no live receipt follows
	 */
	ReceiptPage page(String after, int limit) {
		String where = (after != null) ? "WHERE cancelled_at IS NULL AND checkout_id > ?"
				: "WHERE cancelled_at IS NULL";
		List<Object> params = (after != null) ? List.of(after, limit + 1) : List.of(limit + 1);
		// One more than asked tells whether another page follows
		List<ReceiptPage.Entry> entries = this.jdbc
			.sql("SELECT checkout_id, receipt_id, created_at FROM receipt " + where + " ORDER BY checkout_id LIMIT ?")
			.params(params)
			.query((resultSet, row) -> new ReceiptPage.Entry(resultSet.getString("checkout_id"),
					resultSet.getString("receipt_id"), resultSet.getLong("created_at")))
			.list();
		if (entries.size() <= limit) {
			return new ReceiptPage(entries, null);
		}
		List<ReceiptPage.Entry> page = entries.subList(0, limit);
		return new ReceiptPage(List.copyOf(page), page.get(limit - 1).checkoutId());
	}

	/**
	 * The states of some checkouts, read in the caller's transaction.
	 * @param connection the group's connection
	 * @param checkoutIds the checkouts
	 * @return a state for each checkout, {@link ReceiptState.Absent} for those without a
	 * row
	 * @throws SQLException if the read fails
	 */
	Map<String, ReceiptState> findStates(Connection connection, Collection<String> checkoutIds) throws SQLException {
		Map<String, ReceiptState> states = new HashMap<>();
		List<String> ids = new ArrayList<>(checkoutIds);
		for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
			List<String> chunk = ids.subList(from, Math.min(from + MAX_IDS_PER_QUERY, ids.size()));
			String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
			try (PreparedStatement select = connection
				.prepareStatement("SELECT " + COLUMNS + " FROM receipt WHERE checkout_id IN (" + placeholders + ")")) {
				for (int i = 0; i < chunk.size(); i++) {
					select.setString(i + 1, chunk.get(i));
				}
				try (ResultSet resultSet = select.executeQuery()) {
					while (resultSet.next()) {
						ReceiptState state = toState(resultSet);
						states.put(state.checkoutId(), state);
					}
				}
			}
		}
		for (String checkoutId : ids) {
			states.computeIfAbsent(checkoutId, ReceiptState.Absent::new);
		}
		return states;
	}

	/**
	 * Inserts new rows in the caller's transaction, as part of a
	 * {@link org.checkoutsaga.support.BatchWriter}.
	 * @param connection the group's connection
	 * @param states the rows, at most one per checkout, none of them absent
	 * @throws SQLException if any insert fails, e.g. a checkout that already has a row
	 */
	void insert(Connection connection, List<? extends ReceiptState> states) throws SQLException {
		if (states.isEmpty()) {
			return;
		}
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO receipt (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			for (ReceiptState state : states) {
				insert.setString(1, state.checkoutId());
				bindReceipt(insert, receiptOf(state));
				if (state instanceof ReceiptState.Cancelled cancelled) {
					insert.setLong(7, cancelled.cancelledAt());
				}
				else if (state instanceof ReceiptState.Tombstone tombstone) {
					insert.setLong(7, tombstone.cancelledAt());
				}
				else {
					insert.setNull(7, Types.BIGINT);
				}
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	/**
	 * Marks live receipts cancelled in the caller's transaction. A receipt another
	 * instance cancelled meanwhile keeps its first cancellation time.
	 * @param connection the group's connection
	 * @param cancellations the receipts to mark
	 * @throws SQLException if the update fails
	 */
	void markCancelled(Connection connection, List<ReceiptState.Cancelled> cancellations) throws SQLException {
		if (cancellations.isEmpty()) {
			return;
		}
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE receipt SET cancelled_at = ? WHERE checkout_id = ? AND cancelled_at IS NULL")) {
			for (ReceiptState.Cancelled cancelled : cancellations) {
				update.setLong(1, cancelled.cancelledAt());
				update.setString(2, cancelled.checkoutId());
				update.addBatch();
			}
			update.executeBatch();
		}
	}

	private void bindReceipt(PreparedStatement insert, Receipt receipt) throws SQLException {
		if (receipt == null) {
			insert.setNull(2, Types.VARCHAR);
			insert.setNull(3, Types.VARCHAR);
			insert.setNull(4, Types.VARCHAR);
			insert.setNull(5, Types.BIGINT);
			insert.setNull(6, Types.BIGINT);
			return;
		}
		insert.setString(2, receipt.receiptId());
		insert.setString(3, receipt.userId());
		insert.setString(4, this.jsonMapper.writeValueAsString(receipt.items()));
		insert.setLong(5, receipt.clientTimestamp());
		insert.setLong(6, receipt.createdAt());
	}

	private static Receipt receiptOf(ReceiptState state) {
		if (state instanceof ReceiptState.Live live) {
			return live.receipt();
		}
		if (state instanceof ReceiptState.Cancelled cancelled) {
			return cancelled.receipt();
		}
		if (state instanceof ReceiptState.Tombstone) {
			return null;
		}
		throw new IllegalArgumentException("An absent checkout has no row: " + state);
	}

	private ReceiptState toState(ResultSet resultSet) throws SQLException {
		String checkoutId = resultSet.getString("checkout_id");
		long cancelledAt = resultSet.getLong("cancelled_at");
		boolean cancelled = !resultSet.wasNull();
		if (resultSet.getString("receipt_id") == null) {
			return new ReceiptState.Tombstone(checkoutId, cancelledAt);
		}
		Receipt receipt = new Receipt(resultSet.getString("receipt_id"), checkoutId, resultSet.getString("user_id"),
				this.jsonMapper.readValue(resultSet.getString("items"), ITEMS), resultSet.getLong("client_timestamp"),
				resultSet.getLong("created_at"));
		return cancelled ? new ReceiptState.Cancelled(receipt, cancelledAt) : new ReceiptState.Live(receipt);
	}

}
