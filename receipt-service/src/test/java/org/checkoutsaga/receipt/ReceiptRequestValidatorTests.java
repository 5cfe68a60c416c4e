package org.checkoutsaga.receipt;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.support.FieldViolation;
import org.checkoutsaga.support.security.ApiClientProperties;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.checkoutsaga.receipt.ReceiptRequests.CLIENT_TIMESTAMP;

/**
 * The rules of a receipt request, including those a URL cannot easily carry.
 */
class ReceiptRequestValidatorTests {

	private final ReceiptRequestValidator validator = new ReceiptRequestValidator(
			new ReceiptProperties(new ReceiptProperties.GroupCommit(512, Duration.ZERO, true), 3, 64,
					DataSize.ofKilobytes(128), new ApiClientProperties(Map.of())));

	@Test
	void turnsAValidFormIntoARequestForThePathCheckout() {
		ReceiptForm form = new ReceiptForm(null, "user-1", List.of(new ReceiptForm.Item("item-a", 2L)),
				CLIENT_TIMESTAMP);

		ReceiptRequest request = this.validator.validate("checkout-1", form);

		assertThat(request).isEqualTo(
				new ReceiptRequest("checkout-1", "user-1", List.of(new CheckoutItem("item-a", 2)), CLIENT_TIMESTAMP));
	}

	@Test
	void acceptsTheLargestAllowedQuantityAndItemCount() {
		ReceiptForm.Item largest = new ReceiptForm.Item("item-a", ReceiptRequestValidator.MAX_QUANTITY);
		ReceiptForm form = new ReceiptForm("checkout-1", "u".repeat(200), List.of(largest, largest, largest), 0L);

		assertThat(this.validator.validate("checkout-1", form).items()).hasSize(3);
	}

	@Test
	void rejectsAPathCheckoutIdWithAControlCharacter() {
		assertThat(violations("checkout\n1", validForm())).extracting(FieldViolation::field)
			.containsExactly("checkoutId");
	}

	@Test
	void rejectsAnItemIdWithAControlCharacterAndAMissingItem() {
		ReceiptForm form = new ReceiptForm(null, "user-1", Arrays.asList(new ReceiptForm.Item("item\u0000a", 1L), null),
				CLIENT_TIMESTAMP);

		assertThat(violations("checkout-1", form)).extracting(FieldViolation::field)
			.containsExactly("items[0].itemId", "items[1]");
	}

	@Test
	void namesEveryInvalidFieldAtOnce() {
		ReceiptForm form = new ReceiptForm("checkout-2", null, null, -5L);

		assertThat(violations("checkout-1", form)).extracting(FieldViolation::field)
			.containsExactly("checkoutId", "userId", "items", "clientTimestamp");
	}

	@Test
	void rejectsMoreItemsThanConfigured() {
		ReceiptForm.Item item = new ReceiptForm.Item("item-a", 1L);
		ReceiptForm form = new ReceiptForm(null, "user-1", List.of(item, item, item, item), CLIENT_TIMESTAMP);

		assertThat(violations("checkout-1", form))
			.containsExactly(new FieldViolation("items", "must hold at most 3 items"));
	}

	@Test
	void acceptsTheCheckoutIdOfACancelByTheRuleOfAStore() {
		assertThat(this.validator.validateCancel("c".repeat(200))).isEqualTo("c".repeat(200));
		assertThat(cancelViolations("checkout\u00071")).extracting(FieldViolation::field).containsExactly("checkoutId");
		assertThat(cancelViolations("c".repeat(201)))
			.containsExactly(new FieldViolation("checkoutId", "must be at most 200 characters"));
		assertThat(cancelViolations(" ")).containsExactly(new FieldViolation("checkoutId", "must not be blank"));
	}

	@Test
	void listsFromTheStartInPagesOf500WithoutParameters() {
		assertThat(this.validator.validateListing(null, null))
			.isEqualTo(new ReceiptRequestValidator.Listing(null, 500));
	}

	@Test
	void acceptsLimitsFromOneTo1000AndAnAfterByTheRuleOfACheckoutId() {
		assertThat(this.validator.validateListing("checkout-1", "1"))
			.isEqualTo(new ReceiptRequestValidator.Listing("checkout-1", 1));
		assertThat(this.validator.validateListing(null, "1000").limit()).isEqualTo(1000);
		assertThat(listingViolations("checkout\n1", "1001")).containsExactly(
				new FieldViolation("after", "must not contain control characters"),
				new FieldViolation("limit", "must be an integer between 1 and 1000"));
	}

	private List<FieldViolation> listingViolations(String after, String limit) {
		return assertThatExceptionOfType(InvalidReceiptRequestException.class)
			.isThrownBy(() -> this.validator.validateListing(after, limit))
			.actual()
			.violations();
	}

	private List<FieldViolation> cancelViolations(String checkoutId) {
		return assertThatExceptionOfType(InvalidReceiptRequestException.class)
			.isThrownBy(() -> this.validator.validateCancel(checkoutId))
			.actual()
			.violations();
	}

	private List<FieldViolation> violations(String pathCheckoutId, ReceiptForm form) {
		return assertThatExceptionOfType(InvalidReceiptRequestException.class)
			.isThrownBy(() -> this.validator.validate(pathCheckoutId, form))
			.actual()
			.violations();
	}

	private static ReceiptForm validForm() {
		return new ReceiptForm(null, "user-1", List.of(new ReceiptForm.Item("item-a", 1L)), CLIENT_TIMESTAMP);
	}

}
