package org.checkoutsaga.launcher.check;

/**
 * One broken guarantee, named precisely enough to look into: which checkout, which item.
 *
 * @param kind which rule is broken
 * @param checkoutId the checkout concerned, null if none
 * @param itemId the item concerned, null if none
 * @param detail what was found
 */
public record Violation(Kind kind, String checkoutId, String itemId, String detail) {

	/** The rules the checker enforces. */
	public enum Kind {

		/** A COMPLETED checkout has no receipt. */
		MISSING_RECEIPT,

		/** A checkout has more than one receipt. */
		DUPLICATE_RECEIPT,

		/** A checkout that did not complete has a receipt. */
		RECEIPT_NOT_COMPLETED,

		/** A receipt names a checkout the orchestrator does not know. */
		RECEIPT_WITHOUT_CHECKOUT,

		/** The receipt count differs from the receipts listed. */
		RECEIPT_COUNT_MISMATCH,

		/** The stock movements of a REJECTED checkout do not net to zero for an item. */
		STOCK_NOT_RESTORED,

		/**
		 * The stock movements of a COMPLETED checkout differ from its quantities for an
		 * item.
		 */
		STOCK_MOVEMENT_MISMATCH,

		/** Stock moved for a checkout the orchestrator does not know. */
		OPERATION_WITHOUT_CHECKOUT,

		/** A checkout ended as COMPENSATION_FAILED: its stock may not be restored. */
		COMPENSATION_FAILED,

		/** The orchestrator lists a checkout it cannot show. */
		CHECKOUT_UNREADABLE,

		/** The stock service's own audit found a problem. */
		STOCK_AUDIT

	}

	@Override
	public String toString() {
		return String.format("%-26s checkout=%s item=%s  %s", this.kind,
				(this.checkoutId != null) ? this.checkoutId : "-", (this.itemId != null) ? this.itemId : "-",
				this.detail);
	}

}
