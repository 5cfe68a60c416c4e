package org.checkoutsaga.stock.ledger;

import java.nio.file.Path;
import java.util.List;

import org.checkoutsaga.stock.ledger.AuditReport.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit on ledgers written directly with SQL into a real H2 file database: each kind
 * of damage is reported once, in a sentence that names what is wrong.
 */
class StockAuditTest {

	@TempDir
	Path folder;

	private LedgerTestDatabase database;

	@BeforeEach
	void start() {
		this.database = LedgerTestDatabase.in(this.folder);
	}

	@AfterEach
	void stop() {
		this.database.close();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 5, 1000 })
	void aConsistentLedgerPassesWhereverThePagesEnd(int pageSize) {
		consistentLedger();

		AuditReport report = this.database.audit(pageSize, 1000).auditAll();

		assertThat(report.violations()).isEmpty();
		assertThat(report.ok()).isTrue();
		assertThat(report.violationsNotListed()).isNull();
		assertThat(report.itemsChecked()).isEqualTo(3);
		assertThat(report.operationsChecked()).isEqualTo(14);
	}

	@Test
	void oneItemIsAuditedAlone() {
		consistentLedger();

		AuditReport report = this.database.audit(2, 1000).auditItem("b");

		assertThat(report).isEqualTo(new AuditReport(1, 3, List.of(), null, true));
	}

	@Test
	void anItemWithNeitherRowNorEntriesChecksNothing() {
		consistentLedger();

		assertThat(this.database.audit().auditItem("nothing")).isEqualTo(new AuditReport(0, 0, List.of(), null, true));
	}

	@Test
	void aQuantityChangedBehindTheLedgersBackIsReportedWithTheReplay() {
		consistentLedger();
		this.database.jdbc().sql("UPDATE stock_item SET quantity = 99 WHERE item_id = 'a'").update();

		AuditReport report = this.database.audit().auditAll();

		assertThat(report.violations()).containsExactly(new Violation("a", null,
				"stock_item holds 99 units, but the ledger implies 10: SET set-a to 10, then +2 restocked, -5 retracted, +3 restored"));
		assertThat(report.ok()).isFalse();
	}

	@Test
	void anAppliedRestoreWithoutItsRetractionIsReported() {
		this.database.set("a", "set-a", 10).restored("a", "c1", 3, 13).item("a", 13);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RESTORE c1 gives back 3 units, but no retraction with this operation id was recorded"));
	}

	@Test
	void aRestoreOfARefusedRetractionThatGivesBackUnitsIsReported() {
		this.database.set("a", "set-a", 1).outOfStock("a", "c1", 3, 1).restored("a", "c1", 3, 4).item("a", 4);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RESTORE c1 gives back 3 units, but the retraction with this operation id was recorded as OutOfStock and took nothing"));
	}

	@Test
	void aRestoreThatGivesBackMoreThanWasTakenIsReported() {
		this.database.set("a", "set-a", 10).retracted("a", "c1", 2, 8).restored("a", "c1", 5, 13).item("a", 13);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RESTORE c1 gives back 5 units, but the retraction with this operation id took 2"));
	}

	@Test
	void aRestoreToAnotherItemThanTheRetractionsIsReported() {
		this.database.set("a", "set-a", 10)
			.set("b", "set-b", 10)
			.retracted("a", "c1", 2, 8)
			.restored("b", "c1", 2, 12)
			.item("a", 8)
			.item("b", 12);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("b", "c1",
				"RESTORE c1 gives back 2 units, but the retraction with this operation id took them from item a"));
	}

	@Test
	void aRestoreBeforeItsRetractionTookAnythingIsReported() {
		this.database.set("a", "set-a", 10).restored("a", "c1", 2, 12).retracted("a", "c1", 2, 10).item("a", 10);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(
				new Violation("a", "c1",
						"RESTORE c1 gives back 2 units before the retraction with this operation id took them"),
				new Violation("a", "c1",
						"RETRACT c1 took 2 units after the restore with this operation id was recorded; it should have been cancelled, and nothing will give them back"));
	}

	@Test
	void aTombstoneAfterAnAppliedRetractionIsReported() {
		this.database.set("a", "set-a", 10).retracted("a", "c1", 2, 8).tombstone("a", "c1", 8).item("a", 8);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RESTORE c1 is a tombstone that gives back nothing, but the retraction with this operation id had taken 2 units from item a before it; they are never given back"));
	}

	@Test
	void aRetractionAppliedAfterItsTombstoneIsReported() {
		this.database.set("a", "set-a", 10).tombstone("a", "c1", 10).retracted("a", "c1", 2, 8).item("a", 8);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 took 2 units after the restore with this operation id was recorded; it should have been cancelled, and nothing will give them back"));
	}

	@Test
	void aCancelledRetractionWithoutAnEarlierRestoreIsReported() {
		this.database.set("a", "set-a", 10).cancelled("a", "c1", 2, 10).item("a", 10);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 is recorded as cancelled, but no restore with this operation id came before it"));
	}

	@Test
	void aWrongQuantityAfterIsReportedOnceNotForEveryLaterEntry() {
		this.database.set("a", "set-a", 10)
			.retracted("a", "c1", 2, 7)
			.retracted("a", "c2", 1, 6)
			.restocked("a", "r1", 4, 10)
			.item("a", 10);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 records quantity_after 7, but the entry before it left 10 and this one changes it by -2, so 8"),
				new Violation("a", null,
						"stock_item holds 10 units, but the ledger implies 11: SET set-a to 10, then +4 restocked, -3 retracted, +0 restored"));
	}

	@Test
	void aRefusalThatChangedTheRecordedStockIsReported() {
		this.database.set("a", "set-a", 1).outOfStock("a", "c1", 3, 0).item("a", 1);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 records quantity_after 0, but the entry before it left 1 and this one changes nothing, so 1"));
	}

	@Test
	void stockThatGoesBelowZeroIsReportedWhereItGetsThere() {
		this.database.set("a", "set-a", 2)
			.retracted("a", "c1", 3, -1)
			.retracted("a", "c2", 1, -2)
			.restocked("a", "r1", 5, 3)
			.item("a", 3);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 takes the stock the ledger implies to -1; it must never go below zero"));
	}

	@Test
	void anOutOfStockRefusalWithEnoughStockIsReported() {
		this.database.set("a", "set-a", 5).outOfStock("a", "c1", 3, 5).item("a", 5);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 was refused as out of stock, but the entry before it left 5 units, enough for 3"));
	}

	@Test
	void anUnknownItemRefusalAfterTheItemWasCreatedIsReported() {
		this.database.set("a", "set-a", 5).unknownItem("a", "c1", "RETRACT", 1).retracted("a", "c2", 1, 4).item("a", 4);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 was refused as an unknown item, but SET set-a had created the item before it (decided on a stale view of the item?)"));
	}

	@Test
	void anOutcomeItsKindNeverHasIsReported() {
		this.database.set("a", "set-a", 5).entry("c1", "RESTORE", "a", 1, "Retracted", 4).item("a", 5);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RESTORE c1 is recorded as 'Retracted', which a RESTORE never is; the replay skips it"));
	}

	@Test
	void anItemWithoutEntriesAndACreatedItemWithoutRowAreReported() {
		this.database.item("orphan", 7)
			.set("lost", "set-lost", 3)
			.unknownItem("never", "c1", "RETRACT", 2)
			.tombstone("never", "c2", 0)
			.cancelled("never", "c2", 1, 0);

		AuditReport report = this.database.audit().auditAll();

		assertThat(report.violations()).containsExactly(
				new Violation("lost", null,
						"The ledger creates the item with SET set-lost, but stock_item has no row for it"),
				new Violation("orphan", null, "stock_item holds 7 units, but the ledger has no entry for the item"));
		assertThat(report.itemsChecked()).isEqualTo(3);
	}

	@Test
	void anItemWhoseLedgerNeverCreatedItIsReported() {
		this.database.unknownItem("a", "c1", "RESTOCK", 2).item("a", 4);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(
				new Violation("a", null, "stock_item holds 4 units, but no SET in the ledger created the item"));
	}

	@Test
	void anAppliedRetractionBeforeTheItemWasCreatedIsReported() {
		this.database.retracted("a", "c1", 1, 0).set("a", "set-a", 5).item("a", 5);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"RETRACT c1 is recorded as Retracted before any SET created the item; the replay skips it"));
	}

	@Test
	void anOperationIdRecordedTwiceForOneKindIsReported() {
		// only a ledger that lost its primary key can hold such a thing
		this.database.jdbc().sql("ALTER TABLE stock_operation DROP PRIMARY KEY").update();
		this.database.set("a", "set-a", 5)
			.set("b", "set-b", 5)
			.outOfStock("a", "c1", 9, 5)
			.outOfStock("b", "c1", 9, 5)
			.item("a", 5)
			.item("b", 5);

		assertThat(this.database.audit().auditAll().violations()).containsExactly(new Violation("a", "c1",
				"Operation id c1 is recorded 2 times as RETRACT (on items a and b); an operation id is recorded once per kind"));
		assertThat(this.database.audit().auditItem("b").violations()).extracting(Violation::operationId)
			.containsExactly("c1");
	}

	@Test
	void violationsBeyondTheListedOnesAreCounted() {
		this.database.item("o1", 1).item("o2", 1).item("o3", 1).item("o4", 1).item("o5", 1);

		AuditReport report = this.database.audit(2, 2).auditAll();

		assertThat(report.violations()).extracting(Violation::itemId).containsExactly("o1", "o2");
		assertThat(report.violationsNotListed()).isEqualTo(3);
		assertThat(report.itemsChecked()).isEqualTo(5);
		assertThat(report.ok()).isFalse();
	}

	/**
	 * Three items, as the entities record them: {@code a} with every outcome of a stocked
	 * item, {@code b} set twice, {@code ghost} never stocked but asked for.
	 */
	private void consistentLedger() {
		this.database.set("a", "set-a", 10)
			.retracted("a", "c1", 3, 7)
			.outOfStock("a", "c2", 20, 7)
			.restored("a", "c1", 3, 10)
			.tombstone("a", "c3", 10)
			.cancelled("a", "c3", 4, 10)
			.restocked("a", "r1", 2, 12)
			.retracted("a", "c4", 2, 10)
			.tombstone("a", "c2", 10)
			.unknownItem("ghost", "c5", "RETRACT", 1)
			.set("b", "set-b1", 4)
			.retracted("b", "c6", 4, 0)
			.set("b", "set-b2", 6)
			.unknownItem("ghost", "r2", "RESTOCK", 5)
			.item("a", 10)
			.item("b", 6);
	}

}
