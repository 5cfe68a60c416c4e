package org.checkoutsaga.orchestrator.ingress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutMessage;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.support.FieldRules;
import org.checkoutsaga.support.FieldViolation;
import org.springframework.stereotype.Component;

/**
 * The rules a checkout must meet, the same for REST and Kafka: a checkout that breaks one
 * is never stored nor started.
 */
@Component
public class CheckoutValidator {

	private final CheckoutProperties.Limits limits;

	CheckoutValidator(CheckoutProperties properties) {
		this.limits = properties.limits();
	}

	/**
	 * @param event the checkout as received
	 * @return every rule it breaks, empty when valid
	 */
	public List<FieldViolation> validate(CheckoutEvent event) {
		List<FieldViolation> violations = new ArrayList<>();
		checkEnvelope(event.requestId(), event.experimentId(), violations);
		if (event.clientTimestamp() != null && event.clientTimestamp() < 0) {
			violations.add(new FieldViolation("clientTimestamp", "must not be negative"));
		}
		CheckoutMessage message = event.message();
		if (message == null) {
			violations.add(new FieldViolation("message", "is required"));
			return violations;
		}
		checkId("userId", message.userId(), violations);
		checkItems(message.items(), violations);
		return violations;
	}

	/**
	 * The same rules for a checkout not yet made into an event, whose items may hold
	 * anything (a {@code null} line, say) that a {@link CheckoutMessage} would refuse.
	 * @param requestId the client's id for the checkout
	 * @param experimentId the run, may be null
	 * @param userId the buyer
	 * @param items the lines as received
	 * @return every rule it breaks, empty when valid
	 */
	public List<FieldViolation> validate(String requestId, String experimentId, String userId,
			List<CheckoutItem> items) {
		List<FieldViolation> violations = new ArrayList<>();
		checkEnvelope(requestId, experimentId, violations);
		checkId("userId", userId, violations);
		checkItems(items, violations);
		return violations;
	}

	private void checkEnvelope(String requestId, String experimentId, List<FieldViolation> violations) {
		checkId("requestId", requestId, violations);
		if (experimentId != null && experimentId.length() > this.limits.maxIdLength()) {
			violations.add(
					new FieldViolation("experimentId", "must be at most " + this.limits.maxIdLength() + " characters"));
		}
	}

	private void checkItems(List<CheckoutItem> items, List<FieldViolation> violations) {
		if (items == null || items.isEmpty()) {
			violations.add(new FieldViolation("items", "must contain at least one item"));
			return;
		}
		if (items.size() > this.limits.maxItems()) {
			violations.add(new FieldViolation("items", "must contain at most " + this.limits.maxItems() + " items"));
			return;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < items.size(); i++) {
			CheckoutItem item = items.get(i);
			String field = "items[" + i + "]";
			if (item == null) {
				violations.add(new FieldViolation(field, "must not be null"));
				continue;
			}
			if (checkId(field + ".itemId", item.itemId(), violations) && !seen.add(item.itemId())) {
				violations.add(new FieldViolation(field + ".itemId", "appears more than once"));
			}
			if (item.quantity() < 1 || item.quantity() > this.limits.maxQuantity()) {
				violations.add(new FieldViolation(field + ".quantity",
						"must be between 1 and " + this.limits.maxQuantity() + ", was " + item.quantity()));
			}
		}
	}

	private boolean checkId(String field, String value, List<FieldViolation> violations) {
		return FieldRules.checkId(violations, field, value, this.limits.maxIdLength());
	}

}
