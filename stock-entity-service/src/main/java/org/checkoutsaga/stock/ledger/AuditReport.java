package org.checkoutsaga.stock.ledger;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What an audit found, the body of {@code GET /actuator/stockaudit}.
 *
 * @param itemsChecked the items audited: every item id in {@code stock_item} or in the
 * ledger (or the one item asked for)
 * @param operationsChecked the ledger entries replayed
 * @param violations what breaks an invariant, in the order found (item by item), at most
 * {@link StockAudit#MAX_LISTED_VIOLATIONS}
 * @param violationsNotListed how many more violations were found but not listed; left out
 * of the JSON when there are none
 * @param ok whether no violation was found
 */
record AuditReport(long itemsChecked, long operationsChecked, List<Violation> violations,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long violationsNotListed, boolean ok) {

	/**
	 * One broken invariant.
	 *
	 * @param itemId the item it concerns
	 * @param operationId the ledger entry it concerns, null when it concerns the item as
	 * a whole
	 * @param problem what is wrong, as a sentence an operator can act on
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Violation(String itemId, @Nullable String operationId, String problem) {
	}

}
