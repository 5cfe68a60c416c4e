package org.checkoutsaga.orchestrator.saga;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.orchestrator.saga.SagaAction.CallStock;
import org.checkoutsaga.orchestrator.saga.SagaAction.CancelReceipt;
import org.checkoutsaga.orchestrator.saga.SagaAction.StoreReceipt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the saga against simulated participants that keep the real services' promises (an
 * operation id is applied once; a restore of a retraction never applied leaves a
 * tombstone that refuses it later; a cancelled receipt can never be stored) over a
 * network that loses requests, loses replies after the effect happened and delivers
 * replies late, with the deadline passing at a random moment. Whatever happens: the saga
 * ends, exactly the completed checkout's units are taken, and a receipt exists exactly
 * when the checkout completed.
 */
class UnreliableNetworkPropertyTests {

	private static final long COMPENSATION_MILLIS = Checkouts.COMPENSATION.toMillis();

	private final CheckoutSaga saga = new CheckoutSaga(Checkouts.COMPENSATION);

	@Property(tries = 1000)
	void stockAndReceiptsAreRightWhateverTheNetworkAndTheDeadlineDo(@ForAll("checkouts") CheckoutStarted started,
			@ForAll long seed) {
		Random random = new Random(seed);
		Participants world = new Participants(started, random);
		int deadlineStep = random.nextInt(3) == 0 ? Integer.MAX_VALUE : random.nextInt(12);
		List<SagaEvent> history = new ArrayList<>();
		List<SagaEvent> late = new ArrayList<>();
		CheckoutState live = record(this.saga.initialState(), started, history);
		for (int step = 0; !live.status().isTerminal(); step++) {
			assertThat(step).as("steps before the saga ends").isLessThan(500);
			if (step == deadlineStep) {
				live = record(live, this.saga.deadlinePassed(live, step), history);
				continue;
			}
			if (!late.isEmpty() && random.nextInt(3) == 0) {
				live = record(live, late.remove(random.nextInt(late.size())), history);
				continue;
			}
			List<SagaAction> outstanding = this.saga.decide(live);
			assertThat(outstanding).as("a running saga always waits for something").isNotEmpty();
			SagaAction action = outstanding.get(random.nextInt(outstanding.size()));
			// the network misbehaves for a while, then settles
			int fate = (step < 60) ? random.nextInt(6) : 5;
			if (fate == 0) {
				continue; // the request is lost
			}
			SagaEvent reply = world.handle(action);
			if (fate == 1 || reply == null) {
				continue; // the effect happened, the reply is lost (or it was a failure)
			}
			if (fate == 2) {
				late.add(reply);
				continue;
			}
			live = record(live, reply, history);
		}
		assertThat(this.saga.replay(history)).isEqualTo(live);
		if (live.status() == CheckoutStatus.COMPLETED) {
			assertThat(world.taken).as("units taken by a completed checkout").isEqualTo(world.ordered);
			assertThat(world.receiptStored).isTrue();
		}
		else {
			assertThat(world.taken.values()).as("units still taken by a rejected checkout").allMatch((q) -> q == 0);
			assertThat(world.receiptStored).as("a receipt for a rejected checkout").isFalse();
			if (deadlineStep == Integer.MAX_VALUE) {
				assertThat(live.rejection()).isNotEqualTo(RejectionReason.TIMEOUT);
			}
		}
		if (world.outOfStock.isEmpty() && deadlineStep == Integer.MAX_VALUE) {
			assertThat(live.status()).isEqualTo(CheckoutStatus.COMPLETED);
		}
	}

	@Provide
	Arbitrary<CheckoutStarted> checkouts() {
		return Checkouts.arbitrary(5, 5L);
	}

	private CheckoutState record(CheckoutState state, SagaEvent event, List<SagaEvent> history) {
		history.add(event);
		return this.saga.evolve(state, event);
	}

	/** The stock and receipt services, as far as one checkout sees them. */
	private static final class Participants {

		final Map<String, Integer> ordered = new HashMap<>();

		final Map<String, Integer> taken = new HashMap<>();

		final Set<String> outOfStock = new HashSet<>();

		private final Set<String> retracted = new HashSet<>();

		private final Set<String> restored = new HashSet<>();

		boolean receiptStored;

		private boolean receiptCancelled;

		Participants(CheckoutStarted started, Random random) {
			for (CheckoutItem item : started.items()) {
				this.ordered.put(item.itemId(), item.quantity());
				this.taken.put(item.itemId(), 0);
				if (random.nextInt(5) == 0) {
					this.outOfStock.add(item.itemId());
				}
			}
		}

		/** Applies an action like the real service; null for a failure answer. */
		SagaEvent handle(SagaAction action) {
			if (action instanceof CallStock call && call.command() instanceof StockCommand.Retract retract) {
				return retract(retract);
			}
			if (action instanceof CallStock call) {
				return restore(call.command());
			}
			if (action instanceof StoreReceipt) {
				if (this.receiptCancelled) {
					return null; // 409: the receipt was cancelled
				}
				this.receiptStored = true;
				return new SagaEvent.ReceiptStored("receipt-1", 1L);
			}
			if (action instanceof CancelReceipt) {
				boolean existed = this.receiptStored;
				this.receiptStored = false;
				this.receiptCancelled = true;
				return new SagaEvent.ReceiptCancelled(existed);
			}
			throw new IllegalArgumentException("Unknown action " + action);
		}

		private SagaEvent retract(StockCommand.Retract retract) {
			String item = retract.itemId();
			if (this.restored.contains(item) && !this.retracted.contains(item)) {
				return new SagaEvent.StockRefused(item, RejectionReason.RETRACT_CANCELLED, "tombstone");
			}
			if (this.retracted.contains(item)) {
				return new SagaEvent.StockRetracted(item, retract.quantity());
			}
			if (this.outOfStock.contains(item)) {
				return new SagaEvent.StockRefused(item, RejectionReason.OUT_OF_STOCK, "none left");
			}
			this.retracted.add(item);
			this.taken.merge(item, retract.quantity(), Integer::sum);
			return new SagaEvent.StockRetracted(item, retract.quantity());
		}

		private SagaEvent restore(StockCommand command) {
			String item = command.itemId();
			if (this.retracted.contains(item) && this.restored.add(item)) {
				this.taken.merge(item, -command.quantity(), Integer::sum);
			}
			// a restore of a retraction never applied only leaves a tombstone
			this.restored.add(item);
			return new SagaEvent.StockRestored(item, command.quantity());
		}

	}

}
