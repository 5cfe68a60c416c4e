package org.checkoutsaga.receipt;

import java.util.List;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.receipt.ReceiptState.Absent;
import org.checkoutsaga.receipt.ReceiptState.Cancelled;
import org.checkoutsaga.receipt.ReceiptState.Live;
import org.checkoutsaga.receipt.ReceiptState.Tombstone;
import org.checkoutsaga.receipt.ReceiptState.Transition;
import org.checkoutsaga.receipt.ReceiptStore.StoredReceipt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.CLIENT_TIMESTAMP;

/**
 * The rules of one checkout's receipt, without a database: given a state, when a command
 * arrives, expect the next state and the answer.
 */
class ReceiptStateTests {

	private static final String CHECKOUT = "checkout-1";

	private static final long CANCELLED_AT = CLIENT_TIMESTAMP + 9_000;

	private final Receipt receipt = receipt("receipt-1");

	@Test
	void storesTheFirstReceiptOfACheckout() {
		Transition<StoreOutcome> transition = new Absent(CHECKOUT).store(this.receipt);

		assertThat(transition).isEqualTo(new Transition<>(new Live(this.receipt), StoredReceipt.created(this.receipt)));
	}

	@Test
	void answersALaterStoreWithTheStoredReceiptAndChangesNothing() {
		Live live = new Live(this.receipt);

		Transition<StoreOutcome> transition = live.store(receipt("receipt-2"));

		assertThat(transition).isEqualTo(new Transition<>(live, StoredReceipt.existing(this.receipt)));
	}

	@Test
	void cancelsAStoredReceiptKeepingItForTheAuditTrail() {
		Transition<Cancellation> transition = new Live(this.receipt).cancel(CANCELLED_AT);

		assertThat(transition)
			.isEqualTo(new Transition<>(new Cancelled(this.receipt, CANCELLED_AT), new Cancellation(CHECKOUT, true)));
	}

	@Test
	void recordsATombstoneWhenTheCancelComesBeforeAnyReceipt() {
		Transition<Cancellation> transition = new Absent(CHECKOUT).cancel(CANCELLED_AT);

		assertThat(transition)
			.isEqualTo(new Transition<>(new Tombstone(CHECKOUT, CANCELLED_AT), new Cancellation(CHECKOUT, false)));
	}

	@Test
	void refusesAStoreAfterACancelWithOrWithoutReceipt() {
		for (ReceiptState cancelled : List.of(new Cancelled(this.receipt, CANCELLED_AT),
				new Tombstone(CHECKOUT, CANCELLED_AT))) {
			Transition<StoreOutcome> transition = cancelled.store(receipt("receipt-2"));

			assertThat(transition).isEqualTo(new Transition<>(cancelled, new StoreOutcome.Refused(CHECKOUT)));
		}
	}

	@Test
	void answersARepeatedCancelAsTheFirstAndKeepsTheFirstCancellationTime() {
		Cancelled cancelled = new Cancelled(this.receipt, CANCELLED_AT);
		Tombstone tombstone = new Tombstone(CHECKOUT, CANCELLED_AT);

		assertThat(cancelled.cancel(CANCELLED_AT + 1))
			.isEqualTo(new Transition<>(cancelled, new Cancellation(CHECKOUT, true)));
		assertThat(tombstone.cancel(CANCELLED_AT + 1))
			.isEqualTo(new Transition<>(tombstone, new Cancellation(CHECKOUT, false)));
	}

	@Test
	void handsOutOnlyALiveReceipt() {
		assertThat(new Live(this.receipt).live()).contains(this.receipt);
		assertThat(new Absent(CHECKOUT).live()).isEmpty();
		assertThat(new Cancelled(this.receipt, CANCELLED_AT).live()).isEmpty();
		assertThat(new Tombstone(CHECKOUT, CANCELLED_AT).live()).isEmpty();
	}

	private static Receipt receipt(String receiptId) {
		return new Receipt(receiptId, CHECKOUT, "user-1", List.of(new CheckoutItem("item-a", 2)), CLIENT_TIMESTAMP,
				CLIENT_TIMESTAMP + 1_500);
	}

}
