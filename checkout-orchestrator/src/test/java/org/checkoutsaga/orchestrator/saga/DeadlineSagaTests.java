package org.checkoutsaga.orchestrator.saga;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;

import static org.checkoutsaga.orchestrator.saga.Checkouts.APPLE;
import static org.checkoutsaga.orchestrator.saga.Checkouts.COMPENSATE_BY;
import static org.checkoutsaga.orchestrator.saga.Checkouts.COMPENSATION;
import static org.checkoutsaga.orchestrator.saga.Checkouts.DEADLINE;
import static org.checkoutsaga.orchestrator.saga.Checkouts.PEAR;
import static org.checkoutsaga.orchestrator.saga.Checkouts.cancelReceipt;
import static org.checkoutsaga.orchestrator.saga.Checkouts.compensationFailed;
import static org.checkoutsaga.orchestrator.saga.Checkouts.compensationRetried;
import static org.checkoutsaga.orchestrator.saga.Checkouts.deadlinePassed;
import static org.checkoutsaga.orchestrator.saga.Checkouts.outOfStock;
import static org.checkoutsaga.orchestrator.saga.Checkouts.receiptCancelled;
import static org.checkoutsaga.orchestrator.saga.Checkouts.receiptStored;
import static org.checkoutsaga.orchestrator.saga.Checkouts.restore;
import static org.checkoutsaga.orchestrator.saga.Checkouts.restored;
import static org.checkoutsaga.orchestrator.saga.Checkouts.retracted;
import static org.checkoutsaga.orchestrator.saga.Checkouts.twoItems;
import static org.checkoutsaga.orchestrator.saga.Checkouts.unknownItem;
import static org.checkoutsaga.orchestrator.saga.SagaFixture.given;

/**
 * What the checkout does when time runs out: a step that keeps failing is given up at the
 * deadline, everything that may have happened is compensated, and a compensation that
 * itself keeps failing shows up as COMPENSATION_FAILED instead of vanishing.
 */
class DeadlineSagaTests {

	@Test
	void asksToBeToldAtTheDeadlineRecordedAtTheStart() {
		given().when(twoItems()).expectDeadline(DEADLINE);
	}

	@Test
	void recordsWhenTheDeadlinePassedAndUntilWhenCompensationMayTake() {
		long now = DEADLINE + 400;
		given(twoItems()).whenDeadlinePassesAt(now)
			.expectEvent(new SagaEvent.DeadlinePassed(now, now + COMPENSATION.toMillis()))
			.expectDeadline(now + COMPENSATION.toMillis());
	}

	@Test
	void restoresEveryItemThatMayHaveBeenRetractedWhenTheDeadlinePasses() {
		// apple was taken; pear's retraction never answered: it may have been applied
		given(twoItems(), retracted(APPLE)).when(deadlinePassed())
			.expect(restore(APPLE), restore(PEAR))
			.expectStatus(CheckoutStatus.RUNNING)
			.expectReason(RejectionReason.TIMEOUT);
	}

	@Test
	void rejectsBecauseOfTheTimeoutOnceEverythingIsRestored() {
		given(twoItems(), retracted(APPLE), deadlinePassed(), restored(PEAR)).when(restored(APPLE))
			.expectRejectedBecause(RejectionReason.TIMEOUT)
			.expectNoActions()
			.expectNoDeadline();
	}

	@Test
	void ignoresALateRetractionOfAnItemWhoseOutcomeWasUnknown() {
		// the restore with the same operation id follows whatever the retraction did
		given(twoItems(), retracted(APPLE), deadlinePassed()).when(retracted(PEAR))
			.expectUnchanged()
			.expect(restore(APPLE), restore(PEAR));
	}

	@Test
	void cancelsTheReceiptWhenTheDeadlinePassesWhileItIsBeingStored() {
		given(twoItems(), retracted(APPLE), retracted(PEAR)).when(deadlinePassed())
			.expect(restore(APPLE), restore(PEAR), cancelReceipt())
			.expectReason(RejectionReason.TIMEOUT);
	}

	@Test
	void ignoresAReceiptStoredAfterTheDeadlineAndStillCancelsIt() {
		given(twoItems(), retracted(APPLE), retracted(PEAR), deadlinePassed()).when(receiptStored())
			.expectUnchanged()
			.expect(restore(APPLE), restore(PEAR), cancelReceipt());
	}

	@Test
	void isRejectedOnlyOnceTheReceiptIsCancelledAndTheStockRestored() {
		given(twoItems(), retracted(APPLE), retracted(PEAR), deadlinePassed(), restored(APPLE), restored(PEAR))
			.when(receiptCancelled(true))
			.expectRejectedBecause(RejectionReason.TIMEOUT)
			.expectNoActions();
	}

	@Test
	void keepsTheBusinessReasonWhenTheDeadlinePassesDuringItsCompensation() {
		given(twoItems(), retracted(APPLE), outOfStock(PEAR)).when(deadlinePassed())
			.expect(restore(APPLE))
			.expectReason(RejectionReason.OUT_OF_STOCK);
	}

	@Test
	void ignoresADeadlineAfterTheCheckoutEnded() {
		given(twoItems(), unknownItem(APPLE), unknownItem(PEAR)).when(deadlinePassed())
			.expectUnchanged()
			.expectRejectedBecause(RejectionReason.UNKNOWN_ITEM);
	}

	@Test
	void showsCompensationFailedWhenTheCompensationMissesItsDeadline() {
		given(twoItems(), retracted(APPLE), deadlinePassed(), restored(PEAR)).whenDeadlinePassesAt(COMPENSATE_BY)
			.expectEvent(compensationFailed())
			.expectStatus(CheckoutStatus.COMPENSATION_FAILED)
			.expectNoDeadline()
			// not given up: the restore is still retried, at the longest backoff
			.expect(restore(APPLE));
	}

	@Test
	void getsANewCompensationDeadlineWhenAnOperatorRetries() {
		SagaEvent retried = compensationRetried();
		given(twoItems(), retracted(APPLE), deadlinePassed(), restored(PEAR), compensationFailed()).when(retried)
			.expectStatus(CheckoutStatus.RUNNING)
			.expectDeadline(((SagaEvent.CompensationRetried) retried).compensateBy())
			.expect(restore(APPLE));
	}

	@Test
	void endsRejectedWhenAFailedCompensationFinallySucceeds() {
		given(twoItems(), retracted(APPLE), deadlinePassed(), restored(PEAR), compensationFailed())
			.when(restored(APPLE))
			.expectRejectedBecause(RejectionReason.TIMEOUT);
	}

	@Test
	void ignoresARetryOfACompensationThatHasNotFailed() {
		given(twoItems(), retracted(APPLE), deadlinePassed()).when(compensationRetried()).expectUnchanged();
	}

	@Test
	void terminationCompensatesLikeADeadlineWithItsOwnReason() {
		given(twoItems(), retracted(APPLE)).when(terminated())
			.expect(restore(APPLE), restore(PEAR))
			.expectReason(RejectionReason.TERMINATED)
			.expectStatus(CheckoutStatus.RUNNING);
	}

	@Test
	void aSecondTerminationChangesNothing() {
		given(twoItems(), retracted(APPLE), terminated()).when(terminated()).expectUnchanged();
	}

	@Test
	void aRetryOfARunningCheckoutIsRecordedAndChangesNothing() {
		given(twoItems(), retracted(APPLE)).when(new SagaEvent.RetryRequested(5_000, "ops")).expectUnchanged();
	}

	private static SagaEvent terminated() {
		return new SagaEvent.TerminationRequested(3_000, "customer called", 3_000 + COMPENSATION.toMillis());
	}

}
