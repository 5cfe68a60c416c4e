package org.checkoutsaga.stock.ledger;

import org.jspecify.annotations.Nullable;

/**
 * One ledger entry as the audit reads it, with what it is checked against.
 *
 * @param seq the entry's place in the order of writing
 * @param operationId the operation id
 * @param kind the recorded kind
 * @param itemId the item
 * @param quantity the recorded quantity
 * @param outcome the recorded outcome
 * @param quantityAfter the recorded stock after the entry
 * @param storedQuantity the item's quantity in {@code stock_item}, null without a row
 * @param partner for a retraction its restore, for a restore its retraction: the entry of
 * the same operation id, if recorded
 */
record AuditedEntry(long seq, String operationId, String kind, String itemId, long quantity, String outcome,
		long quantityAfter, @Nullable Long storedQuantity, @Nullable Partner partner) {

	/**
	 * The other half of a retract/restore pair.
	 *
	 * @param itemId its item
	 * @param outcome its recorded outcome
	 * @param quantity its recorded quantity
	 * @param seq its place in the order of writing
	 */
	record Partner(String itemId, String outcome, long quantity, long seq) {

		boolean tookUnits() {
			return RecordedOutcome.RETRACTED.recordedName().equals(this.outcome);
		}

		boolean isBefore(AuditedEntry entry) {
			return this.seq < entry.seq();
		}

	}

}
