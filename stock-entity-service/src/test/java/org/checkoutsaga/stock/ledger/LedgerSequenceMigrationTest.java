package org.checkoutsaga.stock.ledger;

import java.nio.file.Path;

import org.checkoutsaga.support.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
