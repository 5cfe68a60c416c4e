package org.checkoutsaga.orchestrator.outcome;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutOutcome;
import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.orchestrator.engine.RetryBackoff;
import org.checkoutsaga.orchestrator.engine.SagaObserver;
import org.checkoutsaga.orchestrator.engine.StoredSaga;
import org.checkoutsaga.orchestrator.engine.Waiters;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.orchestrator.ingress.CheckoutTraces;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes each finished checkout's outcome to {@code checkout-results} (keyed by
 * checkout id), completes REST waits and records the end-to-end latency. Called only once
 * the final event is durable, so nothing is told before it is true. Tells
 * {@link CheckoutStages} of every durable event and of every outcome Kafka took, for the
 * per-stage timers.
 */
@Component
public class OutcomePublisher implements SagaObserver<CheckoutState, SagaEvent>, AutoCloseable {

	private static final Log logger = LogFactory.getLog(OutcomePublisher.class);

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final HistoryStore history;

	private final Waiters<CheckoutOutcome> waiters;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Timer latency;

	private final CheckoutTraces traces;

	private final CheckoutStages stages;

	/** Sends happen here: a send blocks while Kafka is unreachable, sagas must not. */
	private final ScheduledExecutorService publishing = Executors
		.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("outcome-publisher-"));

	/**
	 * Between two attempts to publish an outcome: 0.5 s, doubling up to 30 s, jittered.
	 */
	private static final RetryBackoff RETRY = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

	OutcomePublisher(KafkaTemplate<String, String> kafka, JsonMapper json, HistoryStore history,
			Waiters<CheckoutOutcome> waiters, Clock clock, MeterRegistry meters, CheckoutTraces traces,
			CheckoutStages stages) {
		this.traces = traces;
		this.stages = stages;
		this.kafka = kafka;
		this.json = json;
		this.history = history;
		this.waiters = waiters;
		this.clock = clock;
		this.meters = meters;
		this.latency = Timer.builder("checkout.latency")
			.description("From the client's timestamp to the checkout's end")
			.publishPercentileHistogram()
			.register(meters);
	}

	@Override
	public void appended(String sagaId, SagaEvent event, CheckoutState state) {
		this.stages.appended(sagaId, event, state);
	}

	@Override
	public void finished(String sagaId, CheckoutState state) {
		this.traces.finished(sagaId);
		CheckoutOutcome outcome = outcomeOf(state, this.clock.millis());
		this.waiters.complete(sagaId, outcome);
		this.latency.record(Math.max(0, outcome.latencyMillis()), TimeUnit.MILLISECONDS);
		Counter.builder("checkout.finished")
			.tag("status", outcome.status().name())
			.tag("reason", (outcome.reason() != null) ? outcome.reason().name() : "none")
			.register(this.meters)
			.increment();
		publish(outcome);
	}

	/**
	 * Publishes the outcomes a crash may have kept from {@code checkout-results}: those
	 * of finished sagas not marked as published. A consumer may see such an outcome
	 * twice.
	 * @param partitions the partitions now owned here
	 * @param saga the saga definition to replay histories with
	 */
	public void republish(Collection<Integer> partitions, CheckoutSaga saga) {
		for (StoredSaga<SagaEvent> stored : this.history.loadUnpublished(partitions)) {
			publish(outcomeOf(saga.replay(stored.events()), this.clock.millis()));
		}
	}

	@Override
	public void close() {
		this.publishing.shutdown();
	}

	private void publish(CheckoutOutcome outcome) {
		this.publishing.execute(() -> send(outcome, 1));
	}

	/**
	 * Sends an outcome, and sends it again with a doubling delay (up to 30 s) until Kafka
	 * takes it: whether the send fails later or at once (the producer throws when the
	 * cluster has been unreachable for {@code max.block.ms}).
	 */
	private void send(CheckoutOutcome outcome, int attempt) {
		CompletableFuture<?> sent;
		try {
			sent = this.kafka.send(CheckoutOutcome.TOPIC, outcome.checkoutId(), this.json.writeValueAsString(outcome));
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((result, failure) -> {
			if (failure == null) {
				this.stages.published(outcome.checkoutId());
				this.history.markOutcomePublished(outcome.checkoutId());
				return;
			}
			long delay = RETRY.delay(attempt).toMillis();
			if (attempt == 1 || attempt % 10 == 0) {
				logger.warn("Outcome of " + outcome.checkoutId() + " not published (attempt " + attempt
						+ "); trying again in " + delay + " ms", failure);
			}
			try {
				this.publishing.schedule(() -> send(outcome, attempt + 1), delay, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				logger.info("Outcome of " + outcome.checkoutId()
						+ " not published before shutdown; it will be when its partition is next recovered");
			}
		});
	}

	static CheckoutOutcome outcomeOf(CheckoutState state, long now) {
		CheckoutStarted started = state.started();
		boolean completed = state.status() == CheckoutStatus.COMPLETED;
		return new CheckoutOutcome(started.checkoutId(), started.requestId(), started.experimentId(), state.status(),
				state.rejection(), state.receiptId(), started.clientTimestamp(), completed ? state.completedAt() : now);
	}

}
