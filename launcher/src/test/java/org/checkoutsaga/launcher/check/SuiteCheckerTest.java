package org.checkoutsaga.launcher.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.launcher.check.SuiteSnapshot.Audit;
import org.checkoutsaga.launcher.check.SuiteSnapshot.AuditViolation;
import org.checkoutsaga.launcher.check.SuiteSnapshot.Checkout;
import org.checkoutsaga.launcher.check.SuiteSnapshot.LedgerEntry;
import org.checkoutsaga.launcher.check.SuiteSnapshot.Receipt;
import org.checkoutsaga.launcher.check.Violation.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The cross-service rules, judged on snapshots: what holds in a healthy suite, and each
 * way it can break, named by checkout and item.
 */
class SuiteCheckerTest {

	private static final String A = "00000000-0000-4000-8000-00000000000a";

	private static final String B = "00000000-0000-4000-8000-00000000000b";

	private static final String C = "00000000-0000-4000-8000-00000000000c";

	@Test
	void passesACompletedAndARejectedCheckoutWhoseEffectsMatch() {
		Suite suite = new Suite().completed(A, Map.of("apple", 2, "pear", 1))
			.rejected(B, "OUT_OF_STOCK", "apple", 3, "pear", 1);

		CheckReport report = suite.check();

		assertThat(report.violations()).isEmpty();
		assertThat(report.running()).isEmpty();
		assertThat(report.ok()).isTrue();
		assertThat(report.checkoutsByStatus()).containsEntry("COMPLETED", 1L).containsEntry("REJECTED", 1L);
		assertThat(report.endedByReason()).containsEntry("OUT_OF_STOCK", 1L);
		assertThat(report.format()).endsWith("RESULT: OK");
	}

	@Test
	void namesACompletedCheckoutWithoutReceipt() {
		Suite suite = new Suite().completed(A, Map.of("apple", 1));
		suite.receipts.clear();

		assertThat(suite.check().violations()).extracting(Violation::kind, Violation::checkoutId)
			.containsExactly(tuple(Kind.MISSING_RECEIPT, A));
	}

	@Test
	void namesACheckoutWithTwoReceipts() {
		Suite suite = new Suite().completed(A, Map.of("apple", 1));
		suite.receipts.add(new Receipt(A, "second", "2026-11-22T10:00:00Z"));

		assertThat(suite.check().violations()).extracting(Violation::kind, Violation::checkoutId)
			.containsExactly(tuple(Kind.DUPLICATE_RECEIPT, A));
	}

	@Test
	void namesAReceiptOfARejectedCheckoutAndOneWithoutCheckout() {
		Suite suite = new Suite().rejected(B, "OUT_OF_STOCK", "apple", 1, "pear", 1);
		suite.receipts.add(new Receipt(B, "r-b", "2026-11-22T10:00:00Z"));
		suite.receipts.add(new Receipt(C, "r-c", "2026-11-22T10:00:00Z"));

		assertThat(suite.check().violations()).extracting(Violation::kind, Violation::checkoutId)
			.containsExactly(tuple(Kind.RECEIPT_NOT_COMPLETED, B), tuple(Kind.RECEIPT_WITHOUT_CHECKOUT, C));
	}

	@Test
	void namesTheItemARejectedCheckoutDidNotRestore() {
		Suite suite = new Suite().rejected(B, "OUT_OF_STOCK", "apple", 3, "pear", 1);
		// the restore of apple is missing
		suite.ledger.removeIf((entry) -> entry.operationId().equals(B + "/apple") && entry.kind().equals("RESTORE"));

		assertThat(suite.check().violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.kind()).isEqualTo(Kind.STOCK_NOT_RESTORED);
			assertThat(violation.checkoutId()).isEqualTo(B);
			assertThat(violation.itemId()).isEqualTo("apple");
			assertThat(violation.detail()).contains("-3");
		});
	}

	@Test
	void namesACompletedCheckoutWhoseStockMovedTwiceOrForAnotherItem() {
		Suite suite = new Suite().completed(A, Map.of("apple", 2));
		suite.ledger.add(new LedgerEntry(A + "/apple", "RETRACT", "apple", 2, "Retracted", -2));
		suite.ledger.add(new LedgerEntry(A + "/plum", "RETRACT", "plum", 1, "Retracted", -1));

		assertThat(suite.check().violations()).extracting(Violation::kind, Violation::itemId)
			.containsExactly(tuple(Kind.STOCK_MOVEMENT_MISMATCH, "apple"), tuple(Kind.STOCK_MOVEMENT_MISMATCH, "plum"));
	}

	@Test
	void namesStockMovedForACheckoutNobodyKnowsButNotAnAdminOperation() {
		Suite suite = new Suite();
		suite.ledger.add(new LedgerEntry(C + "/apple", "RETRACT", "apple", 1, "Retracted", -1));
		suite.ledger.add(new LedgerEntry("6f1c2d9e-admin-set", "SET", "apple", 50, "StockSet", 50));

		assertThat(suite.check().violations()).extracting(Violation::kind, Violation::checkoutId, Violation::itemId)
			.containsExactly(tuple(Kind.OPERATION_WITHOUT_CHECKOUT, C, "apple"));
	}

	@Test
	void listsRunningCheckoutsApartAndDoesNotJudgeThem() {
		Suite suite = new Suite();
		suite.checkouts.add(new Checkout(C, "RUNNING", null, 1L, null));
		suite.ledger.add(new LedgerEntry(C + "/apple", "RETRACT", "apple", 1, "Retracted", -1));
		suite.receipts.add(new Receipt(C, "r-c", "2026-11-22T10:00:00Z"));

		CheckReport report = suite.check();

		assertThat(report.violations()).isEmpty();
		assertThat(report.running()).extracting(Checkout::checkoutId).containsExactly(C);
		assertThat(report.ok()).isFalse();
		assertThat(report.format()).contains("RUNNING checkout=" + C).endsWith("RESULT: 1 STILL RUNNING");
	}

	@Test
	void reportsCompensationFailuresAndTheStockAudit() {
		Suite suite = new Suite();
		suite.checkouts.add(new Checkout(C, "COMPENSATION_FAILED", "TIMEOUT", 1L, 2L));
		suite.audit = new Audit(3, 9, false, List.of(new AuditViolation("apple", B + "/apple", "quantity 4 != 5")));

		assertThat(suite.check().violations()).extracting(Violation::kind, Violation::checkoutId, Violation::itemId)
			.containsExactly(tuple(Kind.COMPENSATION_FAILED, C, null), tuple(Kind.STOCK_AUDIT, B, "apple"));
	}

	@Test
	void namesACompletedCheckoutWhoseItemsAreUnknown() {
		Suite suite = new Suite().completed(A, Map.of("apple", 1));
		suite.items.clear();

		assertThat(suite.check().violations()).extracting(Violation::kind).containsExactly(Kind.CHECKOUT_UNREADABLE);
	}

	/**
	 * A suite's holdings, built checkout by checkout as the services would store them.
	 */
	static final class Suite {

		final List<Checkout> checkouts = new ArrayList<>();

		final List<LedgerEntry> ledger = new ArrayList<>();

		final List<Receipt> receipts = new ArrayList<>();

		final Map<String, Map<String, Integer>> items = new HashMap<>();

		Audit audit = new Audit(2, 0, true, List.of());

		Suite completed(String checkoutId, Map<String, Integer> quantities) {
			this.checkouts.add(new Checkout(checkoutId, "COMPLETED", null, 1L, 2L));
			quantities.forEach((item, quantity) -> this.ledger
				.add(new LedgerEntry(checkoutId + "/" + item, "RETRACT", item, quantity, "Retracted", -quantity)));
			this.receipts.add(new Receipt(checkoutId, "r-" + checkoutId, "2026-11-22T10:00:00Z"));
			this.items.put(checkoutId, quantities);
			return this;
		}

		/** Retracted the first item, was refused the second, restored the first. */
		Suite rejected(String checkoutId, String reason, String taken, int takenQuantity, String refused,
				int refusedQuantity) {
			this.checkouts.add(new Checkout(checkoutId, "REJECTED", reason, 1L, 2L));
			this.ledger.add(new LedgerEntry(checkoutId + "/" + taken, "RETRACT", taken, takenQuantity, "Retracted",
					-takenQuantity));
			this.ledger
				.add(new LedgerEntry(checkoutId + "/" + refused, "RETRACT", refused, refusedQuantity, "OutOfStock", 0));
			this.ledger.add(new LedgerEntry(checkoutId + "/" + taken, "RESTORE", taken, takenQuantity, "Restored",
					takenQuantity));
			// the refused item's compensation is a tombstone: nothing moves
			this.ledger.add(new LedgerEntry(checkoutId + "/" + refused, "RESTORE", refused, 0, "Restored", 0));
			return this;
		}

		CheckReport check() {
			SuiteSnapshot snapshot = new SuiteSnapshot(this.checkouts, this.ledger, this.receipts, this.receipts.size(),
					this.audit);
			return SuiteChecker.evaluate(snapshot, this.items, 0);
		}

	}

}
