package org.checkoutsaga.receipt;

import java.util.ArrayList;
import java.util.List;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.support.FieldRules;
import org.checkoutsaga.support.FieldViolation;

import org.springframework.stereotype.Component;

/**
 * Turns a received {@link ReceiptForm} into a {@link ReceiptRequest}, and the parameters
 * of the other endpoints into valid values, or rejects them naming every field that
 * breaks a rule.
 */
@Component
class ReceiptRequestValidator {

	static final int MAX_ID_LENGTH = 200;

	static final long MAX_QUANTITY = 1_000_000;

	static final int DEFAULT_PAGE_LIMIT = 500;

	static final int MAX_PAGE_LIMIT = 1000;

	private final int maxItems;

	private final int maxReceiptsPerRequest;

	ReceiptRequestValidator(ReceiptProperties properties) {
		this.maxItems = properties.maxItems();
		this.maxReceiptsPerRequest = properties.maxReceiptsPerRequest();
	}

	/**
	 * Validates a batch of receipts, each with its checkout id in the body. Either all
	 * are valid or none is stored.
	 * @param forms the bodies
	 * @return the valid requests, in order
	 * @throws InvalidReceiptRequestException naming every broken rule, each field
	 * prefixed with its receipt's index, e.g. {@code [3].userId}
	 */
	List<ReceiptRequest> validateBatch(List<ReceiptForm> forms) {
		List<FieldViolation> violations = new ArrayList<>();
		if (forms == null || forms.isEmpty() || forms.size() > this.maxReceiptsPerRequest) {
			violations.add(new FieldViolation("receipts",
					"must hold between 1 and " + this.maxReceiptsPerRequest + " receipts"));
			throw new InvalidReceiptRequestException("The receipt batch is invalid; nothing was stored", violations);
		}
		List<ReceiptRequest> requests = new ArrayList<>(forms.size());
		for (int i = 0; i < forms.size(); i++) {
			ReceiptForm form = forms.get(i);
			String prefix = "[" + i + "].";
			if (form == null) {
				violations.add(new FieldViolation("[" + i + "]", "must not be null"));
				continue;
			}
			try {
				requests.add(validate(form.checkoutId(), form));
			}
			catch (InvalidReceiptRequestException ex) {
				ex.violations()
					.forEach((violation) -> violations
						.add(new FieldViolation(prefix + violation.field(), violation.message())));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidReceiptRequestException("The receipt batch has invalid fields; nothing was stored",
					violations);
		}
		return requests;
	}

	/**
	 * Validates a request.
	 * @param pathCheckoutId the checkout id of the path
	 * @param form the body
	 * @return the valid request
	 * @throws InvalidReceiptRequestException if any rule is broken
	 */
	ReceiptRequest validate(String pathCheckoutId, ReceiptForm form) {
		List<FieldViolation> violations = new ArrayList<>();
		if (checkId("checkoutId", pathCheckoutId, violations) && form.checkoutId() != null
				&& !form.checkoutId().equals(pathCheckoutId)) {
			violations.add(new FieldViolation("checkoutId", "must equal the checkout id of the path"));
		}
		checkId("userId", form.userId(), violations);
		checkItems(form.items(), violations);
		if (form.clientTimestamp() == null) {
			violations.add(new FieldViolation("clientTimestamp", "is required"));
		}
		else if (form.clientTimestamp() < 0) {
			violations.add(new FieldViolation("clientTimestamp", "must not be negative"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidReceiptRequestException(violations);
		}
		List<CheckoutItem> items = form.items()
			.stream()
			.map((item) -> new CheckoutItem(item.itemId(), item.quantity().intValue()))
			.toList();
		return new ReceiptRequest(pathCheckoutId, form.userId(), items, form.clientTimestamp());
	}

	/**
	 * Validates the checkout id of a cancel, by the rule of a store.
	 * @param checkoutId the checkout id of the path
	 * @return the valid checkout id
	 * @throws InvalidReceiptRequestException if it breaks the rule
	 */
	String validateCancel(String checkoutId) {
		List<FieldViolation> violations = new ArrayList<>();
		if (!checkId("checkoutId", checkoutId, violations)) {
			throw new InvalidReceiptRequestException("The cancel request is invalid; nothing was cancelled",
					violations);
		}
		return checkoutId;
	}

	/**
	 * Validates the parameters of a listing.
	 * @param after the checkout id to start after, as received; {@code null} for the
	 * first page, otherwise by the rule of a checkout id
	 * @param limit the page size as received: {@code null} for the default, otherwise an
	 * integer from 1 to {@value #MAX_PAGE_LIMIT}
	 * @return the valid listing
	 * @throws InvalidReceiptRequestException naming every parameter that breaks a rule
	 */
	Listing validateListing(String after, String limit) {
		List<FieldViolation> violations = new ArrayList<>();
		if (after != null) {
			FieldRules.checkId(violations, "after", after, MAX_ID_LENGTH);
		}
		int pageLimit = DEFAULT_PAGE_LIMIT;
		if (limit != null) {
			pageLimit = parseLimit(limit);
			if (pageLimit < 1) {
				violations.add(new FieldViolation("limit", "must be an integer between 1 and " + MAX_PAGE_LIMIT));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidReceiptRequestException("The listing parameters are invalid", violations);
		}
		return new Listing(after, pageLimit);
	}

	/**
	 * The limit, or {@code 0} if it is not an integer from 1 to the maximum.
	 */
	private static int parseLimit(String limit) {
		try {
			int value = Integer.parseInt(limit);
			return (value >= 1 && value <= MAX_PAGE_LIMIT) ? value : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private void checkItems(List<ReceiptForm.Item> items, List<FieldViolation> violations) {
		if (items == null || items.isEmpty()) {
			violations.add(new FieldViolation("items", "must hold at least one item"));
			return;
		}
		if (items.size() > this.maxItems) {
			// Listing what is wrong inside an oversized list would only make the answer
			// big
			violations.add(new FieldViolation("items", "must hold at most " + this.maxItems + " items"));
			return;
		}
		for (int i = 0; i < items.size(); i++) {
			String field = "items[" + i + "]";
			ReceiptForm.Item item = items.get(i);
			if (item == null) {
				violations.add(new FieldViolation(field, "is required"));
				continue;
			}
			checkId(field + ".itemId", item.itemId(), violations);
			if (item.quantity() == null) {
				violations.add(new FieldViolation(field + ".quantity", "is required"));
			}
			else if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
				violations.add(new FieldViolation(field + ".quantity", "must be between 1 and " + MAX_QUANTITY));
			}
		}
	}

	/**
	 * The id rule shared with the other services, except that a missing id is reported as
	 * required rather than blank.
	 */
	private static boolean checkId(String field, String id, List<FieldViolation> violations) {
		if (id == null) {
			violations.add(new FieldViolation(field, "is required"));
			return false;
		}
		return FieldRules.checkId(violations, field, id, MAX_ID_LENGTH);
	}

	/**
	 * A valid request for one page of receipts.
	 *
	 * @param after the checkout id the page starts after, {@code null} for the first page
	 * @param limit the most receipts on the page
	 */
	record Listing(String after, int limit) {
	}

}
