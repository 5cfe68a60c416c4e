package org.checkoutsaga.orchestrator.saga;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.orchestrator.saga.SagaAction.CallStock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.orchestrator.saga.Checkouts.APPLE;
import static org.checkoutsaga.orchestrator.saga.Checkouts.PEAR;
import static org.checkoutsaga.orchestrator.saga.Checkouts.outOfStock;
import static org.checkoutsaga.orchestrator.saga.Checkouts.receiptStored;
import static org.checkoutsaga.orchestrator.saga.Checkouts.restore;
import static org.checkoutsaga.orchestrator.saga.Checkouts.restored;
import static org.checkoutsaga.orchestrator.saga.Checkouts.retract;
import static org.checkoutsaga.orchestrator.saga.Checkouts.retracted;
import static org.checkoutsaga.orchestrator.saga.Checkouts.storeReceipt;
import static org.checkoutsaga.orchestrator.saga.Checkouts.twoItems;
import static org.checkoutsaga.orchestrator.saga.Checkouts.unknownItem;
import static org.checkoutsaga.orchestrator.saga.SagaFixture.given;

class CheckoutSagaTests {

	@Test
	void retractsEveryItemAtOnceWhenStarted() {
		given().when(twoItems()).expect(retract(APPLE), retract(PEAR)).expectStatus(CheckoutStatus.RUNNING);
	}

	@Test
	void waitsForTheOutstandingRetractionAfterTheFirstAnswers() {
		given(twoItems()).when(retracted(APPLE)).expect(retract(PEAR)).expectStatus(CheckoutStatus.RUNNING);
	}

	@Test
	void storesTheReceiptWhenEveryItemIsRetracted() {
		given(twoItems(), retracted(APPLE)).when(retracted(PEAR)).expect(storeReceipt());
	}

	@Test
	void completesWhenTheReceiptIsStored() {
		given(twoItems(), retracted(APPLE), retracted(PEAR)).when(receiptStored())
			.expectStatus(CheckoutStatus.COMPLETED)
			.expectNoActions();
	}

	@Test
	void compensatesRetractedItemsWhenOneIsOutOfStock() {
		given(twoItems(), retracted(APPLE)).when(outOfStock(PEAR))
			.expect(restore(APPLE))
			.expectStatus(CheckoutStatus.RUNNING);
	}

	@Test
	void waitsForEveryAnswerBeforeCompensating() {
		given(twoItems()).when(outOfStock(PEAR)).expect(retract(APPLE)).expectStatus(CheckoutStatus.RUNNING);
	}

	@Test
	void rejectsOnceEveryRetractedItemIsRestored() {
		given(twoItems(), retracted(APPLE), outOfStock(PEAR)).when(restored(APPLE))
			.expectRejectedBecause(RejectionReason.OUT_OF_STOCK)
			.expectNoActions();
	}

	@Test
	void rejectsAtOnceWhenNoItemWasRetracted() {
		given(twoItems(), unknownItem(APPLE)).when(unknownItem(PEAR))
			.expectRejectedBecause(RejectionReason.UNKNOWN_ITEM)
			.expectNoActions();
	}

	@Test
	void keepsTheFirstReasonWhenItemsAreRefusedForDifferentReasons() {
		given(twoItems(), unknownItem(APPLE)).when(outOfStock(PEAR))
			.expectRejectedBecause(RejectionReason.UNKNOWN_ITEM);
	}

	@Test
	void ignoresADuplicateRetraction() {
		given(twoItems(), retracted(APPLE)).when(retracted(APPLE)).expectUnchanged().expect(retract(PEAR));
	}

	@Test
	void ignoresARetractionRepliedAgainAfterCompensationStarted() {
		given(twoItems(), retracted(APPLE), outOfStock(PEAR)).when(retracted(APPLE))
			.expectUnchanged()
			.expect(restore(APPLE));
	}

	@Test
	void ignoresARefusalForAnItemAlreadyRetracted() {
		given(twoItems(), retracted(APPLE)).when(outOfStock(APPLE)).expectUnchanged();
	}

	@Test
	void ignoresLateRepliesAfterTheCheckoutWasRejected() {
		given(twoItems(), retracted(APPLE), outOfStock(PEAR), restored(APPLE)).when(retracted(APPLE))
			.expectUnchanged()
			.expectRejectedBecause(RejectionReason.OUT_OF_STOCK)
			.expectNoActions();
	}

	@Test
	void ignoresADuplicateReceiptAfterCompletion() {
		given(twoItems(), retracted(APPLE), retracted(PEAR), receiptStored()).when(receiptStored())
			.expectUnchanged()
			.expectStatus(CheckoutStatus.COMPLETED);
	}

	@Test
	void ignoresARepeatedStart() {
		given(twoItems(), retracted(APPLE)).when(twoItems()).expectUnchanged();
	}

	@Test
	void restoresWithTheOperationIdOfTheRetraction() {
		CallStock retract = (CallStock) retract(APPLE);
		CallStock restore = (CallStock) restore(APPLE);
		assertThat(restore.command()).isInstanceOf(StockCommand.Restore.class);
		assertThat(restore.command().operationId()).isEqualTo(retract.command().operationId());
	}

	@Test
	void recordsEachStockReplyAsTheMatchingEvent() {
		assertThat(CheckoutSaga.recordOf(new StockReply.Retracted("op", APPLE, 2, 5))).isEqualTo(retracted(APPLE));
		assertThat(CheckoutSaga.recordOf(new StockReply.Restored("op", APPLE, 2, 7))).isEqualTo(restored(APPLE));
		assertThat(CheckoutSaga.recordOf(new StockReply.UnknownItem("op", PEAR))).isEqualTo(unknownItem(PEAR));
		assertThat(CheckoutSaga.recordOf(new StockReply.OutOfStock("op", PEAR, 2, 0))).isEqualTo(outOfStock(PEAR));
		assertThat(CheckoutSaga.recordOf(new StockReply.RetractCancelled("op", PEAR))).extracting("reason")
			.isEqualTo(RejectionReason.RETRACT_CANCELLED);
	}

}
