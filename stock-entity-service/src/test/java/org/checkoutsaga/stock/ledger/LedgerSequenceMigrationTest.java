package org.checkoutsaga.stock.ledger;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.checkoutsaga.support.testing.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that numbers the ledger's entries keeps the order of the rows already
 * written, and the audit can replay them, on H2 and on PostgreSQL.
 */
class LedgerSequenceMigrationTest {

	@TempDir
	Path folder;

	@Test
	void entriesWrittenBeforeTheMigrationAreNumberedInTheOrderTheyWereWritten() {
		try (LedgerTestDatabase database = LedgerTestDatabase.migratedTo(this.folder, "1")) {
			migrateWithEntriesWritten(database);
		}
	}

	@Test
	void onPostgresqlTooEntriesWrittenBeforeTheMigrationAreNumberedInTheOrderTheyWereWritten() {
		TestPostgres postgres = TestPostgres.shared();
		try (LedgerTestDatabase database = LedgerTestDatabase.migratedTo(
				postgres.jdbcUrl(postgres.createDatabase("ledger_migration")), TestPostgres.USER, TestPostgres.PASSWORD,
				"1")) {
			migrateWithEntriesWritten(database);
		}
	}

	@Test
	void onH2TheServicesLocationsGiveTheLedgerSequenceALargeCacheThatKeepsTheOrder() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:h2:file:" + this.folder.resolve("stock").toAbsolutePath() + ";WRITE_DELAY=0");
		config.setUsername("sa");
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			// the locations of stock-entity-service.yml, {vendor} resolved as Spring Boot
			// does
			Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration/stock-entity-service",
						"classpath:db/migration/stock-entity-service-h2")
				.load()
				.migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);

			assertThat(jdbc
				.sql("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
						+ " WHERE TABLE_NAME = 'STOCK_OPERATION' AND COLUMN_NAME = 'SEQ'")
				.query(Long.class)
				.single()).isEqualTo(100_000L);
			for (int i = 0; i < 100; i++) {
				jdbc.sql("INSERT INTO stock_operation (operation_id, kind, item_id, quantity, outcome, quantity_after,"
						+ " recorded_at) VALUES (?, 'RETRACT', 'a', 1, 'Retracted', 0, CURRENT_TIMESTAMP)")
					.param("op-" + (999 - i))
					.update();
			}
			assertThat(jdbc.sql("SELECT operation_id FROM stock_operation ORDER BY seq").query(String.class).list())
				.hasSize(100)
				.startsWith("op-999", "op-998")
				.endsWith("op-900");
		}
	}

	private static void migrateWithEntriesWritten(LedgerTestDatabase database) {
		// operation ids that sort against the order of writing, as clients' ids do
		database.jdbc()
			.sql("INSERT INTO stock_operation (operation_id, kind, item_id, quantity, outcome, quantity_after,"
					+ " recorded_at) VALUES ('z-set', 'SET', 'a', 10, 'StockSet', 10, CURRENT_TIMESTAMP),"
					+ " ('m-c1', 'RETRACT', 'a', 4, 'Retracted', 6, CURRENT_TIMESTAMP),"
					+ " ('b-c1', 'RETRACT', 'a', 6, 'Retracted', 0, CURRENT_TIMESTAMP)")
			.update();
		database.item("a", 0);

		database.migrate("latest");
		database.restocked("a", "a-r1", 5, 5);
		database.jdbc().sql("UPDATE stock_item SET quantity = 5 WHERE item_id = 'a'").update();

		assertThat(
				database.jdbc().sql("SELECT operation_id FROM stock_operation ORDER BY seq").query(String.class).list())
			.containsExactly("z-set", "m-c1", "b-c1", "a-r1");
		assertThat(database.audit().auditAll().violations()).isEmpty();
	}

}
