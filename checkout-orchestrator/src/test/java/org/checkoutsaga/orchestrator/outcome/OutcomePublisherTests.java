package org.checkoutsaga.orchestrator.outcome;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutOutcome;
import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.engine.Waiters;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.orchestrator.ingress.CheckoutTraces;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * An outcome that Kafka does not take is sent again until it does, also when the producer
 * fails at once (as it does once the cluster has been unreachable for
 * {@code max.block.ms}), and it is marked published only then.
 */
class OutcomePublisherTests {

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);

	private final HistoryStore history = mock(HistoryStore.class);

	private final Waiters<CheckoutOutcome> waiters = new Waiters<>();

	@Test
	void sendsAnOutcomeAgainUntilKafkaTakesItThenMarksItPublished() {
		CompletableFuture<SendResult<String, String>> accepted = CompletableFuture.completedFuture(null);
		when(this.kafka.send(eq(CheckoutOutcome.TOPIC), eq("c-1"), anyString()))
			.thenThrow(new KafkaException("Send failed: topic not present in metadata after 5000 ms"))
			.thenReturn(CompletableFuture.failedFuture(new KafkaException("broker gone")))
			.thenReturn(accepted);
		try (OutcomePublisher publisher = new OutcomePublisher(this.kafka, JsonMapper.builder().build(), this.history,
				this.waiters, Clock.systemUTC(), new SimpleMeterRegistry(), mock(CheckoutTraces.class),
				new CheckoutStages(new SimpleMeterRegistry(), Clock.systemUTC()))) {
			CompletableFuture<Optional<CheckoutOutcome>> told = this.waiters.await("c-1", Duration.ofSeconds(5));

			publisher.finished("c-1", completed());

			assertThat(told.join())
				.hasValueSatisfying((outcome) -> assertThat(outcome.status()).isEqualTo(CheckoutStatus.COMPLETED));
			verify(this.history, never()).markOutcomePublished("c-1");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				verify(this.kafka, times(3)).send(eq(CheckoutOutcome.TOPIC), eq("c-1"), anyString());
				verify(this.history).markOutcomePublished("c-1");
			});
		}
	}

	private static CheckoutState completed() {
		return new CheckoutSaga(Duration.ofMinutes(10)).replay(List.of(
				new SagaEvent.CheckoutStarted("c-1", "r-1", null, "u-1", List.of(new CheckoutItem("apple", 1)), 1_000L,
						SagaEvent.Source.KAFKA, 0L),
				new SagaEvent.StockRetracted("apple", 1), new SagaEvent.ReceiptStored("receipt-1", 2_000L)));
	}

}
