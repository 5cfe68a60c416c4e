package org.checkoutsaga.orchestrator.saga;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.orchestrator.saga.CheckoutState.LineStatus;
import org.checkoutsaga.orchestrator.saga.SagaAction.CallStock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the saga against simulated participants that answer in random order, sometimes
 * twice, and checks what users rely on: replaying the recorded history at any point
 * yields the live state, every run ends, and it ends completed exactly when every item
 * was in stock, with nothing left taken otherwise.
 */
class ReplayPropertyTests {

	private final CheckoutSaga saga = new CheckoutSaga(Checkouts.COMPENSATION);

	@Property(tries = 500)
	void replayingTheHistoryRebuildsTheLiveStateAndEveryRunEnds(@ForAll("checkouts") CheckoutStarted started,
			@ForAll long seed) {
		Random random = new Random(seed);
		Set<String> outOfStock = new HashSet<>();
		started.items().forEach((item) -> {
			if (random.nextInt(4) == 0) {
				outOfStock.add(item.itemId());
			}
		});
		List<SagaEvent> history = new ArrayList<>();
		CheckoutState live = record(this.saga.initialState(), started, history);
		for (int step = 0; !live.status().isTerminal(); step++) {
			assertThat(step).as("steps before the saga ends").isLessThan(100);
			List<SagaAction> outstanding = this.saga.decide(live);
			assertThat(outstanding).as("a running saga always waits for something").isNotEmpty();
			SagaEvent reply = answer(outstanding.get(random.nextInt(outstanding.size())), outOfStock);
			live = record(live, reply, history);
			if (random.nextInt(5) == 0) {
				live = record(live, reply, history);
			}
			assertThat(this.saga.replay(history)).isEqualTo(live);
		}
		if (outOfStock.isEmpty()) {
			assertThat(live.status()).isEqualTo(CheckoutStatus.COMPLETED);
		}
		else {
			assertThat(live.status()).isEqualTo(CheckoutStatus.REJECTED);
			assertThat(live.rejection()).isEqualTo(RejectionReason.OUT_OF_STOCK);
			assertThat(live.lines()).noneMatch((line) -> line.status() == LineStatus.RETRACTED);
		}
	}

	@Provide
	Arbitrary<CheckoutStarted> checkouts() {
		return Checkouts.arbitrary(6, 0L);
	}

	private CheckoutState record(CheckoutState state, SagaEvent event, List<SagaEvent> history) {
		history.add(event);
		return this.saga.evolve(state, event);
	}

	private static SagaEvent answer(SagaAction action, Set<String> outOfStock) {
		if (action instanceof CallStock call && call.command() instanceof StockCommand.Retract retract) {
			return outOfStock.contains(retract.itemId())
					? new SagaEvent.StockRefused(retract.itemId(), RejectionReason.OUT_OF_STOCK, "none left")
					: new SagaEvent.StockRetracted(retract.itemId(), retract.quantity());
		}
		if (action instanceof CallStock call) {
			return new SagaEvent.StockRestored(call.command().itemId(), call.command().quantity());
		}
		return new SagaEvent.ReceiptStored("receipt", 1L);
	}

}
