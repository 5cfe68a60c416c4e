package org.checkoutsaga.receipt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.Receipt;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the {@code receipt} table. Reads go through {@link JdbcClient}; inserts are
 * batched by the group committer on its own connection and transaction.
 */
@Repository
class ReceiptRepository {

	private static final TypeReference<List<CheckoutItem>> ITEMS = new TypeReference<>() {
	};

	private static final String COLUMNS = "checkout_id, receipt_id, user_id, items, client_timestamp, created_at";

	private final JdbcClient jdbc;

	private final JsonMapper jsonMapper;

	ReceiptRepository(JdbcClient jdbc, JsonMapper jsonMapper) {
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
	}

	Optional<Receipt> findByCheckoutId(String checkoutId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM receipt WHERE checkout_id = ?")
			.param(checkoutId)
			.query((resultSet, row) -> toReceipt(resultSet))
			.optional();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM receipt").query(Long.class).single();
	}

	/**
	 * Inserts a group of receipts in the caller's transaction, as a
	 * {@link org.checkoutsaga.support.BatchWriter}.
	 * @param connection the group's connection
	 * @param receipts the receipts, at most one per checkout
	 * @throws SQLException if any insert fails, e.g. a checkout that already has a
	 * receipt
	 */
	void insert(Connection connection, List<Receipt> receipts) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO receipt (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
			for (Receipt receipt : receipts) {
				insert.setString(1, receipt.checkoutId());
				insert.setString(2, receipt.receiptId());
				insert.setString(3, receipt.userId());
				insert.setString(4, this.jsonMapper.writeValueAsString(receipt.items()));
				insert.setLong(5, receipt.clientTimestamp());
				insert.setLong(6, receipt.createdAt());
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private Receipt toReceipt(ResultSet resultSet) throws SQLException {
		return new Receipt(resultSet.getString("receipt_id"), resultSet.getString("checkout_id"),
				resultSet.getString("user_id"), this.jsonMapper.readValue(resultSet.getString("items"), ITEMS),
				resultSet.getLong("client_timestamp"), resultSet.getLong("created_at"));
	}

}
