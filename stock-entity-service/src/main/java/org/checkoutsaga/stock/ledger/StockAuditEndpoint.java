package org.checkoutsaga.stock.ledger;

import java.util.ArrayList;
import java.util.List;

import org.checkoutsaga.support.FieldRules;
import org.checkoutsaga.support.FieldViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/stockaudit}: runs the {@link StockAudit} against the database, for
 * every item or, with {@code ?itemId=}, for one. Reads only; a full audit reads the whole
 * ledger, so it is an operator's tool, not a health check to poll.
 */
@Endpoint(id = "stockaudit")
class StockAuditEndpoint {

	/** The length of the {@code item_id} columns. */
	private static final int MAX_ITEM_ID_LENGTH = 200;

	private final StockAudit audit;

	StockAuditEndpoint(StockAudit audit) {
		this.audit = audit;
	}

	@ReadOperation
	public AuditReport audit(@Nullable String itemId) {
		if (itemId == null) {
			return this.audit.auditAll();
		}
		List<FieldViolation> problems = new ArrayList<>();
		if (!FieldRules.checkId(problems, "itemId", itemId, MAX_ITEM_ID_LENGTH)) {
			FieldViolation problem = problems.get(0);
			throw new InvalidEndpointRequestException("Invalid itemId: " + problem, problem.toString());
		}
		return this.audit.auditItem(itemId);
	}

}
