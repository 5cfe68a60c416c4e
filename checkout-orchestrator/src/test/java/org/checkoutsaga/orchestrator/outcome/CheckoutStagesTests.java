package org.checkoutsaga.orchestrator.outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-stage timers of a checkout, told its durable events in order as the engine
 * tells them: each stage once, only the stages the checkout passed, and nothing kept once
 * the outcome is published.
 */
class CheckoutStagesTests {

	private static final long CLIENT_TIMESTAMP = 1_000L;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CheckoutStages stages = new CheckoutStages(this.meters,
			Clock.fixed(Instant.ofEpochMilli(CLIENT_TIMESTAMP + 250), ZoneOffset.UTC));

	private final CheckoutSaga saga = new CheckoutSaga(Duration.ofSeconds(30));

	@Test
	void aCompletedCheckoutRecordsIngressStockReceiptAndOutcomeOnceEach() {
		Driven checkout = new Driven("c-1");
		checkout.durable(twoItems("c-1"), retracted("apple"), retracted("pear"), retracted("pear"),
				new SagaEvent.ReceiptStored("receipt-1", 2_000L));
		this.stages.published("c-1");

		assertThat(stage("ingress").count()).isEqualTo(1);
		assertThat(stage("ingress").totalTime(TimeUnit.MILLISECONDS)).as("client timestamp to now").isEqualTo(250);
		assertThat(stage("stock").count()).as("once, at the last answer, not again for a repeat").isEqualTo(1);
		assertThat(stage("receipt").count()).isEqualTo(1);
		assertThat(stage("outcome").count()).isEqualTo(1);
		assertThat(stage("compensation").count()).isZero();
		assertThat(this.stages.tracked()).isZero();
	}

	@Test
	void aRejectedCheckoutRecordsItsCompensationAndNoReceipt() {
		Driven checkout = new Driven("c-2");
		checkout.durable(twoItems("c-2"), retracted("apple"), outOfStock("pear"));
		assertThat(stage("stock").count()).isEqualTo(1);
		assertThat(stage("compensation").count()).as("apple is still to be restored").isZero();

		checkout.durable(restored("apple"));
		this.stages.published("c-2");

		assertThat(stage("compensation").count()).isEqualTo(1);
		assertThat(stage("receipt").count()).isZero();
		assertThat(stage("outcome").count()).isEqualTo(1);
		assertThat(this.stages.tracked()).isZero();
	}

	@Test
	void aCheckoutRecoveredFromItsHistoryRecordsNothingAndIsNotKept() {
		Driven checkout = new Driven("c-3");
		checkout.recovered(twoItems("c-3"), retracted("apple"));
		checkout.durable(retracted("pear"), new SagaEvent.ReceiptStored("receipt-3", 2_000L));
		this.stages.published("c-3");

		assertThat(this.meters.get(CheckoutStages.STAGE).timers()).hasSize(5)
			.allSatisfy((timer) -> assertThat(timer.count()).as(timer.getId().getTag("stage")).isZero());
		assertThat(this.stages.tracked()).isZero();
	}

	@Test
	void checkoutsThatNeverFinishHereDoNotPileUp() {
		for (int i = 0; i <= CheckoutStages.MAX_TRACKED; i++) {
			new Driven("c-" + i).durable(twoItems("c-" + i));
		}

		assertThat(this.stages.tracked()).isLessThanOrEqualTo(CheckoutStages.MAX_TRACKED);
		assertThat(stage("ingress").count()).isEqualTo(CheckoutStages.MAX_TRACKED + 1);
	}

	private Timer stage(String stage) {
		return this.meters.get(CheckoutStages.STAGE).tag("stage", stage).timer();
	}

	/** One checkout as the engine drives it: its state folded from its events. */
	private final class Driven {

		private final String checkoutId;

		private CheckoutState state = CheckoutStagesTests.this.saga.initialState();

		Driven(String checkoutId) {
			this.checkoutId = checkoutId;
		}

		/** Events the engine appended here, told once each is durable. */
		void durable(SagaEvent... events) {
			for (SagaEvent event : events) {
				this.state = CheckoutStagesTests.this.saga.evolve(this.state, event);
				CheckoutStagesTests.this.stages.appended(this.checkoutId, event, this.state);
			}
		}

		/** Events rebuilt from the history after a restart: not told. */
		void recovered(SagaEvent... events) {
			for (SagaEvent event : events) {
				this.state = CheckoutStagesTests.this.saga.evolve(this.state, event);
			}
		}

	}

	private static CheckoutStarted twoItems(String checkoutId) {
		return new CheckoutStarted(checkoutId, "r-1", null, "u-1",
				List.of(new CheckoutItem("apple", 2), new CheckoutItem("pear", 1)), CLIENT_TIMESTAMP,
				SagaEvent.Source.KAFKA, 0L);
	}

	private static SagaEvent retracted(String itemId) {
		return new SagaEvent.StockRetracted(itemId, 1);
	}

	private static SagaEvent outOfStock(String itemId) {
		return new SagaEvent.StockRefused(itemId, RejectionReason.OUT_OF_STOCK, "requested 1, available 0");
	}

	private static SagaEvent restored(String itemId) {
		return new SagaEvent.StockRestored(itemId, 1);
	}

}
