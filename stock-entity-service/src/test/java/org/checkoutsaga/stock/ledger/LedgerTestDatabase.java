package org.checkoutsaga.stock.ledger;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real database, an H2 file in a temporary folder or a PostgreSQL database, migrated by
 * the service's Flyway scripts, whose ledger and item rows the tests write directly with
 * SQL, in the order of the calls: to build exactly the ledger a check needs, damage
 * included. Entries are written as the service writes them; the named methods say which
 * outcome.
 */
final class LedgerTestDatabase implements AutoCloseable {

	private static final OffsetDateTime RECORDED_AT = OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC);

	private final HikariDataSource dataSource;

	private final JdbcClient jdbc;

	private LedgerTestDatabase(String jdbcUrl, String username, String password, String targetVersion) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(2);
		this.dataSource = new HikariDataSource(config);
		migrate(targetVersion);
		this.jdbc = JdbcClient.create(this.dataSource);
	}

	static LedgerTestDatabase in(Path folder) {
		return migratedTo(folder, "latest");
	}

	/**
	 * A database migrated only up to a version, to test a later migration on its rows.
	 * @param folder where the database lives
	 * @param targetVersion the last migration to run
	 * @return the database
	 */
	static LedgerTestDatabase migratedTo(Path folder, String targetVersion) {
		return new LedgerTestDatabase("jdbc:h2:file:" + folder.resolve("stock").toAbsolutePath() + ";WRITE_DELAY=0",
				"sa", "", targetVersion);
	}

	/**
	 * An empty database of a server, e.g. PostgreSQL, migrated only up to a version.
	 * @param jdbcUrl the database
	 * @param username its user
	 * @param password the user's password
	 * @param targetVersion the last migration to run
	 * @return the database
	 */
	static LedgerTestDatabase migratedTo(String jdbcUrl, String username, String password, String targetVersion) {
		return new LedgerTestDatabase(jdbcUrl, username, password, targetVersion);
	}

	void migrate(String targetVersion) {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/stock-entity-service")
			.target(targetVersion)
			.load()
			.migrate();
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	StockAudit audit() {
		return new StockAudit(this.jdbc);
	}

	StockAudit audit(int pageSize, int maxListed) {
		return new StockAudit(this.jdbc, pageSize, maxListed);
	}

	/** The item's row, as a SET writes it. */
	LedgerTestDatabase item(String itemId, long quantity) {
		this.jdbc.sql("INSERT INTO stock_item (item_id, quantity, version, updated_at) VALUES (?, ?, 1, ?)")
			.params(itemId, quantity, RECORDED_AT)
			.update();
		return this;
	}

	LedgerTestDatabase set(String itemId, String operationId, long quantity) {
		return entry(operationId, "SET", itemId, quantity, "StockSet", quantity);
	}

	LedgerTestDatabase restocked(String itemId, String operationId, long quantity, long after) {
		return entry(operationId, "RESTOCK", itemId, quantity, "Restocked", after);
	}

	LedgerTestDatabase retracted(String itemId, String operationId, long quantity, long after) {
		return entry(operationId, "RETRACT", itemId, quantity, "Retracted", after);
	}

	LedgerTestDatabase outOfStock(String itemId, String operationId, long requested, long available) {
		return entry(operationId, "RETRACT", itemId, requested, "OutOfStock", available);
	}

	LedgerTestDatabase unknownItem(String itemId, String operationId, String kind, long requested) {
		return entry(operationId, kind, itemId, requested, "UnknownItem", 0);
	}

	LedgerTestDatabase cancelled(String itemId, String operationId, long requested, long after) {
		return entry(operationId, "RETRACT", itemId, requested, "RetractCancelled", after);
	}

	LedgerTestDatabase restored(String itemId, String operationId, long quantity, long after) {
		return entry(operationId, "RESTORE", itemId, quantity, "Restored", after);
	}

	LedgerTestDatabase tombstone(String itemId, String operationId, long after) {
		return restored(itemId, operationId, 0, after);
	}

	LedgerTestDatabase entry(String operationId, String kind, String itemId, long quantity, String outcome,
			long after) {
		this.jdbc
			.sql("INSERT INTO stock_operation (operation_id, kind, item_id, quantity, outcome, quantity_after,"
					+ " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(operationId, kind, itemId, quantity, outcome, after, RECORDED_AT)
			.update();
		return this;
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
