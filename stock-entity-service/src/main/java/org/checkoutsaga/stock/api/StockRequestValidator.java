package org.checkoutsaga.stock.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.stock.StockProperties;
import org.checkoutsaga.support.FieldRules;
import org.checkoutsaga.support.FieldViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks requests before anything reaches an entity, so that a bad request changes
 * nothing. Limits come from {@link StockProperties}; every failure names its field, e.g.
 * {@code [3].quantity}.
 */
@Component
class StockRequestValidator {

	/** The largest stock an item may be set to: ample, and far from overflowing. */
	static final long MAX_STOCK = 1_000_000_000_000_000L;

	static final int MAX_ID_LENGTH = 200;

	/**
	 * Operation ids are longer than item ids: the orchestrator's are
	 * {@code <checkoutId>/<itemId>}, a 36-character UUID, a slash and an item id.
	 */
	static final int MAX_OPERATION_ID_LENGTH = 300;

	/** Entries per page of the ledger listing when the request does not say. */
	static final int DEFAULT_LEDGER_LIMIT = 500;

	static final int MAX_LEDGER_LIMIT = 1000;

	private final StockProperties properties;

	StockRequestValidator(StockProperties properties) {
		this.properties = properties;
	}

	void checkOperations(List<StockCommand> commands) {
		List<FieldViolation> problems = new ArrayList<>();
		int max = this.properties.maxOperationsPerRequest();
		if (commands == null || commands.isEmpty() || commands.size() > max) {
			problems.add(new FieldViolation("operations", "must hold between 1 and " + max + " operations"));
			throw new InvalidRequestException(problems);
		}
		for (int i = 0; i < commands.size(); i++) {
			StockCommand command = commands.get(i);
			String at = "[" + i + "]";
			if (command == null) {
				problems.add(new FieldViolation(at, "must not be null"));
				continue;
			}
			FieldRules.checkId(problems, at + ".operationId", command.operationId(), MAX_OPERATION_ID_LENGTH);
			checkId(problems, at + ".itemId", command.itemId());
			if (command.quantity() < 1 || command.quantity() > this.properties.maxQuantity()) {
				problems.add(
						new FieldViolation(at + ".quantity", "must be between 1 and " + this.properties.maxQuantity()));
			}
		}
		throwIfAny(problems);
	}

	void checkItemId(String itemId) {
		List<FieldViolation> problems = new ArrayList<>();
		checkId(problems, "itemId", itemId);
		throwIfAny(problems);
	}

	void checkStock(Long quantity) {
		if (quantity == null || quantity < 0 || quantity > MAX_STOCK) {
			throw new InvalidRequestException(
					List.of(new FieldViolation("quantity", "must be between 0 and " + MAX_STOCK)));
		}
	}

	void checkRestock(Long quantity) {
		if (quantity == null || quantity < 1 || quantity > this.properties.maxQuantity()) {
			throw new InvalidRequestException(
					List.of(new FieldViolation("quantity", "must be between 1 and " + this.properties.maxQuantity())));
		}
	}

	void checkBulk(Map<String, Long> items) {
		List<FieldViolation> problems = new ArrayList<>();
		int max = this.properties.maxOperationsPerRequest();
		if (items == null || items.isEmpty() || items.size() > max) {
			problems.add(new FieldViolation("items", "must hold between 1 and " + max + " items"));
			throw new InvalidRequestException(problems);
		}
		items.forEach((itemId, quantity) -> {
			String at = "items." + itemId;
			checkId(problems, at, itemId);
			if (quantity == null || quantity < 0 || quantity > MAX_STOCK) {
				problems.add(new FieldViolation(at, "must be between 0 and " + MAX_STOCK));
			}
		});
		throwIfAny(problems);
	}

	/**
	 * Checks the parameters of a ledger page.
	 * @param after the operation id to list after, null for the first page
	 * @param limit the most entries per page as given, null for the default
	 * @return the limit to use
	 */
	int checkLedgerPage(@Nullable String after, @Nullable String limit) {
		List<FieldViolation> problems = new ArrayList<>();
		if (after != null) {
			FieldRules.checkId(problems, "after", after, MAX_OPERATION_ID_LENGTH);
		}
		int rows = DEFAULT_LEDGER_LIMIT;
		if (limit != null) {
			rows = parseOrZero(limit);
			if (rows < 1 || rows > MAX_LEDGER_LIMIT) {
				problems.add(new FieldViolation("limit", "must be a whole number between 1 and " + MAX_LEDGER_LIMIT));
			}
		}
		throwIfAny(problems);
		return rows;
	}

	private static int parseOrZero(String number) {
		try {
			return Integer.parseInt(number);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void checkId(List<FieldViolation> problems, String field, String value) {
		FieldRules.checkId(problems, field, value, MAX_ID_LENGTH);
	}

	private static void throwIfAny(List<FieldViolation> problems) {
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
	}

}
