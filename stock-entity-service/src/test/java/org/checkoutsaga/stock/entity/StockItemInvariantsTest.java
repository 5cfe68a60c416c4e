package org.checkoutsaga.stock.entity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

import org.checkoutsaga.stock.entity.LedgerEntry.Kind;
import org.checkoutsaga.stock.entity.LedgerEntry.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of one item over any sequence of commands, op ids reused at random so that
 * repeats, late retractions and compensations all happen.
 */
class StockItemInvariantsTest {

	@Property(tries = 300)
	void replayingTheLedgerRebuildsTheLiveItem(@ForAll("histories") @Size(max = 60) List<StockItemCommand> commands) {
		StockItemFixture fixture = StockItemFixture.givenNothing();
		commands.forEach(fixture::when);
		StockItem replayed = StockItem.unknown(Ledger.ITEM);
		fixture.ledger().forEach(replayed::apply);

		StockItemFixture live = StockItemFixture.given(fixture.ledger().toArray(LedgerEntry[]::new));
		assertThat(replayed.quantity()).isNotNegative();
		live.expectStock(replayed.quantity()).expectVersion(replayed.version());
		if (!fixture.ledger().isEmpty()) {
			LedgerEntry last = fixture.ledger().get(fixture.ledger().size() - 1);
			assertThat(last.quantityAfter()).isEqualTo(replayed.quantity());
		}
	}

	@Property(tries = 300)
	void stockIsConservedAndNothingIsRestoredTwice(
			@ForAll("histories") @Size(max = 60) List<StockItemCommand> commands) {
		StockItemFixture fixture = StockItemFixture.given(Ledger.stocked(20));
		commands.stream().filter((command) -> command.kind() != Kind.SET).forEach(fixture::when);
		long stock = 0;
		Map<String, Long> taken = new HashMap<>();
		for (LedgerEntry entry : fixture.ledger()) {
			switch (entry.outcome()) {
				case STOCK_SET -> stock = entry.quantity();
				case RESTOCKED -> stock += entry.quantity();
				case RETRACTED -> {
					stock -= entry.quantity();
					taken.merge(entry.operationId(), entry.quantity(), Long::sum);
				}
				case RESTORED -> {
					stock += entry.quantity();
					taken.merge(entry.operationId(), -entry.quantity(), Long::sum);
				}
				default -> {
				}
			}
		}
		// initial + restocks - retractions + restores = current
		fixture.expectStock(stock);
		assertThat(taken.values()).allSatisfy((units) -> assertThat(units).isNotNegative());
		assertThat(fixture.ledger()).filteredOn((entry) -> entry.outcome() == Outcome.RETRACT_CANCELLED)
			.allSatisfy((cancelled) -> assertThat(fixture.ledger())
				.noneMatch((entry) -> entry.operationId().equals(cancelled.operationId())
						&& entry.outcome() == Outcome.RETRACTED));
	}

	@Provide
	Arbitrary<List<StockItemCommand>> histories() {
		Arbitrary<String> ids = Arbitraries.of("c1", "c2", "c3", "c4", "c5");
		Arbitrary<Integer> units = Arbitraries.integers().between(1, 8);
		Arbitrary<StockItemCommand> retract = Combinators.combine(ids, units).as(StockItemCommand.Retract::new);
		Arbitrary<StockItemCommand> restore = Combinators.combine(ids, units).as(StockItemCommand.Restore::new);
		Arbitrary<StockItemCommand> restock = Combinators.combine(Arbitraries.strings().alpha().ofLength(8), units)
			.as((id, quantity) -> new StockItemCommand.Restock(id, quantity));
		Arbitrary<StockItemCommand> set = Combinators.combine(Arbitraries.strings().alpha().ofLength(8), units)
			.as((id, quantity) -> new StockItemCommand.SetQuantity(id, quantity));
		return Arbitraries
			.frequencyOf(Tuple.of(5, retract), Tuple.of(3, restore), Tuple.of(1, restock), Tuple.of(1, set))
			.list();
	}

}
