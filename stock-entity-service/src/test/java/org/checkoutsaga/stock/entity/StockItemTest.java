package org.checkoutsaga.stock.entity;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.checkoutsaga.stock.entity.Ledger.cancelledReply;
import static org.checkoutsaga.stock.entity.Ledger.outOfStockReply;
import static org.checkoutsaga.stock.entity.Ledger.refusedOutOfStock;
import static org.checkoutsaga.stock.entity.Ledger.restock;
import static org.checkoutsaga.stock.entity.Ledger.restocked;
import static org.checkoutsaga.stock.entity.Ledger.restore;
import static org.checkoutsaga.stock.entity.Ledger.restored;
import static org.checkoutsaga.stock.entity.Ledger.restoredReply;
import static org.checkoutsaga.stock.entity.Ledger.retract;
import static org.checkoutsaga.stock.entity.Ledger.retracted;
import static org.checkoutsaga.stock.entity.Ledger.retractedReply;
import static org.checkoutsaga.stock.entity.Ledger.setTo;
import static org.checkoutsaga.stock.entity.Ledger.stocked;
import static org.checkoutsaga.stock.entity.Ledger.tombstone;
import static org.checkoutsaga.stock.entity.Ledger.unknownItemReply;
import static org.checkoutsaga.stock.entity.StockItemFixture.given;
import static org.checkoutsaga.stock.entity.StockItemFixture.givenNothing;

class StockItemTest {

	@Test
	void anOperationIdRecordedForAnotherItemIsRefusedAndGivesNothingBack() {
		StockItem pear = StockItem.stocked("pear", 10, 1);
		LedgerEntry appleRetraction = new LedgerEntry("c1/apple", LedgerEntry.Kind.RETRACT, "apple", 5,
				LedgerEntry.Outcome.RETRACTED, 95);
		OperationHistory history = (key) -> Optional.of(appleRetraction).filter((entry) -> entry.key().equals(key));

		for (StockItemCommand command : List.of(Ledger.restore("c1/apple", 5), Ledger.retract("c1/apple", 5))) {
			assertThatExceptionOfType(OperationIdReusedException.class).isThrownBy(() -> pear.handle(command, history))
				.satisfies((ex) -> assertThat(ex.recordedItemId()).isEqualTo("apple"));
		}
		assertThat(pear.quantity()).as("no units conjured from another item's retraction").isEqualTo(10);
		assertThat(pear.version()).isEqualTo(1);
	}

	@Test
	void retractTakesTheUnitsWhenEnoughAreInStock() {
		given(stocked(10)).when(retract("c1", 3))
			.expect(retractedReply("c1", 3, 7))
			.expectRecorded(retracted("c1", 3, 7))
			.expectStock(7)
			.expectVersion(2);
	}

	@Test
	void retractOfExactlyTheStockLeavesZero() {
		given(stocked(3)).when(retract("c1", 3)).expect(retractedReply("c1", 3, 0)).expectStock(0);
	}

	@Test
	void retractIsRefusedWhenStockIsShortAndChangesNoStock() {
		given(stocked(2)).when(retract("c1", 3))
			.expect(outOfStockReply("c1", 3, 2))
			.expectRecorded(refusedOutOfStock("c1", 3, 2))
			.expectStock(2);
	}

	@Test
	void retractOfANeverStockedItemIsUnknownItemAndStillRecorded() {
		givenNothing().when(retract("c1", 1)).expect(unknownItemReply("c1")).expectStocked(false).expectVersion(0);
	}

	@Test
	void repeatedRetractGetsTheRecordedReplyAndTakesNothingMore() {
		given(stocked(10), retracted("c1", 3, 7)).when(retract("c1", 3))
			.expect(retractedReply("c1", 3, 7))
			.expectRepeat()
			.expectStock(7);
	}

	@Test
	void repeatedRefusedRetractStaysRefusedAfterStockArrived() {
		given(stocked(2), refusedOutOfStock("c1", 3, 2), restocked("r1", 100, 102)).when(retract("c1", 3))
			.expect(outOfStockReply("c1", 3, 2))
			.expectRepeat()
			.expectStock(102);
	}

	@Test
	void restoreGivesBackWhatTheRetractionTook() {
		given(stocked(10), retracted("c1", 3, 7)).when(restore("c1", 3))
			.expect(restoredReply("c1", 3, 10))
			.expectRecorded(restored("c1", 3, 10))
			.expectStock(10);
	}

	@Test
	void restoreUsesTheRecordedQuantityNotTheOneAskedFor() {
		given(stocked(10), retracted("c1", 3, 7)).when(restore("c1", 5)).expect(restoredReply("c1", 3, 10));
	}

	@Test
	void restoreOfANeverAppliedRetractionRecordsATombstoneAndChangesNoStock() {
		given(stocked(10)).when(restore("c1", 3))
			.expect(restoredReply("c1", 0, 10))
			.expectRecorded(tombstone("c1", 10))
			.expectStock(10);
	}

	@Test
	void retractArrivingAfterItsTombstoneIsCancelled() {
		given(stocked(10), tombstone("c1", 10)).when(retract("c1", 3)).expect(cancelledReply("c1")).expectStock(10);
	}

	@Test
	void tombstoneThenLateRetractThenRetryOfTheRetractStaysCancelled() {
		given(stocked(10)).when(restore("c1", 3))
			.expect(restoredReply("c1", 0, 10))
			.when(retract("c1", 3))
			.expect(cancelledReply("c1"))
			.when(retract("c1", 3))
			.expect(cancelledReply("c1"))
			.expectRepeat()
			.expectStock(10);
	}

	@Test
	void restoreOfARefusedRetractionRecordsATombstone() {
		given(stocked(2), refusedOutOfStock("c1", 3, 2)).when(restore("c1", 3))
			.expect(restoredReply("c1", 0, 2))
			.expectStock(2);
	}

	@Test
	void restoreOfAnUnknownItemIsATombstone() {
		givenNothing().when(restore("c1", 3)).expect(restoredReply("c1", 0, 0)).expectStocked(false);
	}

	@Test
	void repeatedRestoreGetsTheRecordedReplyAndGivesBackNothingMore() {
		given(stocked(10), retracted("c1", 3, 7), restored("c1", 3, 10), restocked("r1", 5, 15)).when(restore("c1", 3))
			.expect(restoredReply("c1", 3, 10))
			.expectRepeat()
			.expectStock(15);
	}

	@Test
	void setCreatesAnItemAndRestockAddsToIt() {
		givenNothing().when(setTo(5))
			.expectStocked(true)
			.expectStock(5)
			.expectVersion(1)
			.when(restock("r1", 4))
			.expectStock(9)
			.expectVersion(2);
	}

	@Test
	void restockOfANeverStockedItemIsRecordedAsUnknownItem() {
		givenNothing().when(restock("r1", 4)).expectStocked(false).expectStock(0);
	}

	@Test
	void everyRecordedOperationOfAStockedItemIsANewVersionEvenARefusal() {
		given(stocked(1)).when(retract("c1", 5)).expectVersion(2).when(retract("c2", 5)).expectVersion(3);
	}

}
