package org.checkoutsaga.stock.ledger;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the ledger, the body of {@code GET /stock/ledger}.
 *
 * @param entries the entries, by operation id, then kind
 * @param next the operation id to pass as {@code after} for the next page; null when
 * there are no more entries
 */
public record LedgerPage(List<Entry> entries, @Nullable String next) {

	/**
	 * One ledger entry and what it did to its item's stock.
	 *
	 * @param operationId the operation id
	 * @param kind {@code RETRACT}, {@code RESTORE}, {@code SET} or {@code RESTOCK}
	 * @param itemId the item
	 * @param quantity the recorded quantity: the units moved, asked for (a refusal) or
	 * set
	 * @param outcome the recorded outcome, e.g. {@code Retracted}, {@code OutOfStock}
	 * @param delta the signed change to the item's stock: negative for an applied
	 * retraction, positive for an applied restore or restock, zero for a refusal, a
	 * tombstone or a cancelled retraction; for a {@code SET} the new quantity minus the
	 * quantity the item's previous entry left (zero before the item existed)
	 */
	public record Entry(String operationId, String kind, String itemId, long quantity, String outcome, long delta) {
	}

}
