package org.checkoutsaga.orchestrator.ingress;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.orchestrator.engine.SagaEngine;
import org.checkoutsaga.orchestrator.engine.Waiters;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.checkoutsaga.orchestrator.saga.SagaAction;
import org.checkoutsaga.support.FieldViolation;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Starts a saga per checkout event. A batch of records is handled together: invalid
 * records go to the dead-letter topic, repeats of a started checkout are skipped, and the
 * method returns (so the container commits the offsets) only when every start and dead
 * letter of the batch is durable. If that fails, the batch is delivered again and the
 * starts that did succeed are recognised as repeats.
 */
@Component
class CheckoutEventListener {

	/** Header naming how a record was submitted; absent for plain Kafka producers. */
	static final String SOURCE_HEADER = "checkout-source";

	private static final long DURABLE_TIMEOUT_SECONDS = 60;

	private final SagaEngine<CheckoutState, SagaEvent, SagaAction> engine;

	private final HistoryStore history;

	private final CheckoutValidator validator;

	private final DeadLetters deadLetters;

	private final JsonMapper json;

	private final Waiters<CheckoutStarted> startWaiters;

	private final Clock clock;

	private final Duration deadline;

	private final CheckoutTraces traces;

	private final Map<SagaEvent.Source, Counter> started = new EnumMap<>(SagaEvent.Source.class);

	CheckoutEventListener(SagaEngine<CheckoutState, SagaEvent, SagaAction> engine, HistoryStore history,
			CheckoutValidator validator, DeadLetters deadLetters, JsonMapper json,
			Waiters<CheckoutStarted> startWaiters, Clock clock, CheckoutProperties properties, MeterRegistry meters,
			CheckoutTraces traces) {
		this.engine = engine;
		this.history = history;
		this.validator = validator;
		this.deadLetters = deadLetters;
		this.json = json;
		this.startWaiters = startWaiters;
		this.clock = clock;
		this.deadline = properties.deadline();
		this.traces = traces;
		for (SagaEvent.Source source : SagaEvent.Source.values()) {
			this.started.put(source,
					Counter.builder("checkout.started")
						.description("Checkouts whose saga started (durably), by how they arrived")
						.tag("source", source.name())
						.register(meters));
		}
	}

	@KafkaListener(id = "checkout-events", idIsGroup = false, topics = CheckoutEvent.TOPIC, batch = "true",
			concurrency = "${checkout.kafka.concurrency:2}")
	void onCheckoutEvents(List<ConsumerRecord<String, String>> records) throws Exception {
		List<CompletableFuture<?>> pending = new ArrayList<>();
		Map<String, ConsumerRecord<String, String>> fresh = new LinkedHashMap<>();
		Map<String, CheckoutStarted> starts = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			try {
				CheckoutStarted started = toStart(record);
				if (starts.putIfAbsent(started.checkoutId(), started) == null) {
					fresh.put(started.checkoutId(), record);
				}
			}
			catch (InvalidCheckoutException ex) {
				pending.add(this.deadLetters.send(record, ex.getMessage()));
			}
		}
		Set<String> known = this.history
			.existing(starts.keySet().stream().filter((id) -> !this.engine.isRunning(id)).toList());
		starts.forEach((checkoutId, started) -> {
			if (known.contains(checkoutId)) {
				// a repeat: never a second saga, but make sure the first one is driven
				this.engine.resumeIfUnfinished(checkoutId);
			}
			else {
				// also for a saga already running here: its start must be durable first
				boolean first = !this.engine.isRunning(checkoutId);
				CompletableFuture<Void> durable = this.engine.start(checkoutId, fresh.get(checkoutId).partition(),
						started);
				if (first) {
					this.traces.started(checkoutId, fresh.get(checkoutId));
					durable.thenRun(() -> this.started.get(started.source()).increment());
				}
				pending.add(durable);
			}
		});
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
			.get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		starts.forEach(this.startWaiters::complete);
	}

	private CheckoutStarted toStart(ConsumerRecord<String, String> record) {
		if (record.value() == null || record.value().isBlank()) {
			throw new InvalidCheckoutException("empty record");
		}
		CheckoutEvent event;
		try {
			event = this.json.readValue(record.value(), CheckoutEvent.class);
		}
		catch (JacksonException ex) {
			throw new InvalidCheckoutException("malformed checkout event: " + ex.getOriginalMessage());
		}
		List<FieldViolation> violations = this.validator.validate(event);
		if (!violations.isEmpty()) {
			throw new InvalidCheckoutException("invalid checkout event: " + violations);
		}
		long clientTimestamp = (event.clientTimestamp() != null) ? event.clientTimestamp() : record.timestamp();
		return new CheckoutStarted(CheckoutIds.forRequest(event.requestId()), event.requestId(), event.experimentId(),
				event.message().userId(), event.message().items(), clientTimestamp, sourceOf(record),
				this.clock.millis() + this.deadline.toMillis());
	}

	private static SagaEvent.Source sourceOf(ConsumerRecord<String, String> record) {
		Header header = record.headers().lastHeader(SOURCE_HEADER);
		boolean rest = header != null
				&& SagaEvent.Source.REST.name().equals(new String(header.value(), StandardCharsets.UTF_8));
		return rest ? SagaEvent.Source.REST : SagaEvent.Source.KAFKA;
	}

	private static final class InvalidCheckoutException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidCheckoutException(String message) {
			super(message);
		}

	}

}
