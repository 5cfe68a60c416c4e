package org.checkoutsaga.launcher.check;

import java.util.List;

/**
 * What the three services hold, as read over their HTTP APIs: every checkout of the
 * orchestrator, every entry of the stock ledger, every receipt, and the stock service's
 * own audit.
 *
 * @param checkouts {@code GET /checkouts}, all pages
 * @param ledger {@code GET /stock/ledger}, all pages
 * @param receipts {@code GET /receipts}, all pages
 * @param receiptCount {@code GET /receipts/count}
 * @param audit {@code GET /actuator/stockaudit}
 */
public record SuiteSnapshot(List<Checkout> checkouts, List<LedgerEntry> ledger, List<Receipt> receipts,
		long receiptCount, Audit audit) {

	/** Still under way. */
	public static final String RUNNING = "RUNNING";

	/** Every item retracted, receipt stored. */
	public static final String COMPLETED = "COMPLETED";

	/** Some item could not be retracted (or the deadline passed); all stock restored. */
	public static final String REJECTED = "REJECTED";

	/** Compensation gave up at its deadline: stock may not be restored. */
	public static final String COMPENSATION_FAILED = "COMPENSATION_FAILED";

	public SuiteSnapshot {
		checkouts = List.copyOf(checkouts);
		ledger = List.copyOf(ledger);
		receipts = List.copyOf(receipts);
	}

	/**
	 * A checkout as the orchestrator lists it.
	 *
	 * @param checkoutId the saga
	 * @param status RUNNING, COMPLETED, REJECTED or COMPENSATION_FAILED
	 * @param reason why it was rejected, null otherwise
	 * @param startedAt when it started, epoch milliseconds, null if unknown
	 * @param finishedAt when it ended, null while running
	 */
	public record Checkout(String checkoutId, String status, String reason, Long startedAt, Long finishedAt) {

		public boolean isRunning() {
			return RUNNING.equals(this.status);
		}

		public boolean isCompleted() {
			return COMPLETED.equals(this.status);
		}

		public boolean isRejected() {
			return REJECTED.equals(this.status);
		}

		public boolean isCompensationFailed() {
			return COMPENSATION_FAILED.equals(this.status);
		}

	}

	/**
	 * One entry of the stock ledger.
	 *
	 * @param operationId {@code <checkoutId>/<itemId>} for the saga's calls
	 * @param kind RETRACT, RESTORE, SET or RESTOCK
	 * @param itemId the item
	 * @param quantity the units asked for or moved
	 * @param outcome what happened
	 * @param delta the signed change of the item's stock, 0 for refusals and tombstones
	 */
	public record LedgerEntry(String operationId, String kind, String itemId, long quantity, String outcome,
			long delta) {

		/**
		 * The checkout a saga's operation belongs to.
		 * @return the part of the operation id before the first {@code /}, or null for an
		 * operation that is not a saga's (admin operations have plain ids)
		 */
		public String checkoutId() {
			int slash = this.operationId.indexOf('/');
			return (slash > 0) ? this.operationId.substring(0, slash) : null;
		}

	}

	/**
	 * A stored receipt.
	 *
	 * @param checkoutId the checkout it belongs to
	 * @param receiptId its id
	 * @param createdAt when it was stored, as the service renders it
	 */
	public record Receipt(String checkoutId, String receiptId, String createdAt) {
	}

	/**
	 * The stock service's verdict on its own ledger and items.
	 *
	 * @param itemsChecked items looked at
	 * @param operationsChecked ledger entries looked at
	 * @param ok whether it found nothing wrong
	 * @param violations what it found
	 */
	public record Audit(long itemsChecked, long operationsChecked, boolean ok, List<AuditViolation> violations) {

		public Audit {
			violations = List.copyOf(violations);
		}

	}

	/**
	 * One problem the stock audit found.
	 *
	 * @param itemId the item
	 * @param operationId the ledger entry, if one is to blame
	 * @param problem what is wrong
	 */
	public record AuditViolation(String itemId, String operationId, String problem) {
	}

}
