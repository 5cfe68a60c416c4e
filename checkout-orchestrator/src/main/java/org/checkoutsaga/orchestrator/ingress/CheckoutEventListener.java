package org.checkoutsaga.orchestrator.ingress;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.checkoutsaga.support.JsonViolations;
import org.checkoutsaga.support.StrictJson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Starts a saga per checkout event. A batch of records is handled together: records that
 * cannot become a checkout go to the dead-letter topic, repeats of a started checkout are
 * skipped, and the method returns (so the container commits the offsets) only when every
 * start and dead letter of the batch is durable. If that fails, the batch is delivered
 * again and the starts that did succeed are recognised as repeats.
 * <p>
 * Hostile records cannot hold up a partition: the consumer reads raw bytes (a byte-array
 * deserializer cannot fail, so no record is a poison pill), and each record is checked
 * here, in this order, the first failure sending it to the dead-letter topic:
 * <ol>
 * <li>size: a value over {@code checkout.limits.max-body-size} or a key over 4 bytes per
 * character of {@code max-id-length} ({@code too-large});</li>
 * <li>text: key and value must be UTF-8 ({@code malformed});</li>
 * <li>JSON: the value must be a checkout event with values of the right JSON types, no
 * repeated keys ({@code malformed}). Unknown properties are ignored: producers of the
 * thesis payload may add fields of their own (REST bodies, in contrast, are strict);</li>
 * <li>rules: {@link CheckoutValidator} ({@code invalid});</li>
 * <li>identity: a request id that already names a checkout, stored or earlier in the
 * batch, with another user or other items ({@code conflict}). The same content again is a
 * repeat and is skipped without a dead letter.</li>
 * </ol>
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

	private final long maxValueBytes;

	private final int maxKeyBytes;

	private final Map<SagaEvent.Source, Counter> started = new EnumMap<>(SagaEvent.Source.class);

	CheckoutEventListener(SagaEngine<CheckoutState, SagaEvent, SagaAction> engine, HistoryStore history,
			CheckoutValidator validator, DeadLetters deadLetters, JsonMapper json,
			Waiters<CheckoutStarted> startWaiters, Clock clock, CheckoutProperties properties, MeterRegistry meters,
			CheckoutTraces traces) {
		this.engine = engine;
		this.history = history;
		this.validator = validator;
		this.deadLetters = deadLetters;
		this.json = StrictJson.typed(json).build();
		this.startWaiters = startWaiters;
		this.clock = clock;
		this.deadline = properties.deadline();
		this.traces = traces;
		this.maxValueBytes = properties.limits().maxBodySize().toBytes();
		this.maxKeyBytes = 4 * properties.limits().maxIdLength();
		for (SagaEvent.Source source : SagaEvent.Source.values()) {
			this.started.put(source,
					Counter.builder("checkout.started")
						.description("Checkouts whose saga started (durably), by how they arrived")
						.tag("source", source.name())
						.register(meters));
		}
	}

	@KafkaListener(id = "checkout-events", idIsGroup = false, topics = CheckoutEvent.TOPIC, batch = "true",
			concurrency = "${checkout.kafka.concurrency:2}",
			properties = { "key.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
					"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer" })
	void onCheckoutEvents(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
		List<CompletableFuture<?>> pending = new ArrayList<>();
		// the records of each checkout, in the order they came
		Map<String, List<Candidate>> byCheckout = new LinkedHashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			try {
				CheckoutStarted started = toStart(record);
				byCheckout.computeIfAbsent(started.checkoutId(), (id) -> new ArrayList<>())
					.add(new Candidate(record, started));
			}
			catch (RejectedRecordException ex) {
				pending.add(this.deadLetters.send(record, ex.reason, ex.getMessage()));
			}
		}
		Map<String, CheckoutStarted> stored = storedStarts(byCheckout.keySet());
		Map<String, CheckoutStarted> answers = new LinkedHashMap<>();
		byCheckout.forEach((checkoutId, candidates) -> {
			CheckoutStarted existing = stored.get(checkoutId);
			Candidate first = candidates.get(0);
			// every record of this checkout must repeat the stored start, or else the
			// batch's first record, which starts the saga
			CheckoutStarted reference = (existing != null) ? existing : first.started();
			String named = (existing != null) ? "checkout " + checkoutId : "an earlier record of this batch ("
					+ first.record().topic() + "-" + first.record().partition() + "@" + first.record().offset() + ")";
			List<Candidate> repeats = (existing != null) ? candidates : candidates.subList(1, candidates.size());
			for (Candidate candidate : repeats) {
				if (!sameContent(reference, candidate.started())) {
					pending.add(this.deadLetters.send(candidate.record(), DeadLetters.Reason.CONFLICT,
							conflict(candidate.started(), named)));
				}
			}
			answers.put(checkoutId, reference);
			if (existing != null && !this.engine.isRunning(checkoutId)) {
				// a repeat: never a second saga, but make sure the first one is driven
				this.engine.resumeIfUnfinished(checkoutId);
			}
			else {
				// also for a saga already running here: its start must be durable first
				CheckoutStarted started = (existing != null) ? existing : first.started();
				boolean fresh = !this.engine.isRunning(checkoutId);
				CompletableFuture<Void> durable = this.engine.start(checkoutId, first.record().partition(), started);
				if (fresh) {
					this.traces.started(checkoutId, first.record());
					durable.thenRun(() -> this.started.get(started.source()).increment());
				}
				pending.add(durable);
			}
		});
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
			.get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		// a REST caller waiting for its start learns which checkout holds the id
		answers.forEach(this.startWaiters::complete);
	}

	/**
	 * A record that parsed and met the rules.
	 *
	 * @param record the record
	 * @param started the start it asks for
	 */
	private record Candidate(ConsumerRecord<byte[], byte[]> record, CheckoutStarted started) {
	}

	/**
	 * The starts already known of some checkouts: from the engine for sagas running here,
	 * from the history for the others.
	 */
	private Map<String, CheckoutStarted> storedStarts(Collection<String> checkoutIds) {
		Map<String, CheckoutStarted> known = new HashMap<>();
		List<String> notRunning = new ArrayList<>();
		for (String checkoutId : checkoutIds) {
			Optional<CheckoutStarted> running = this.engine.state(checkoutId).map(CheckoutState::started);
			if (running.isPresent()) {
				known.put(checkoutId, running.get());
			}
			else {
				notRunning.add(checkoutId);
			}
		}
		this.history.firstEvents(notRunning).forEach((checkoutId, first) -> {
			if (first instanceof CheckoutStarted started) {
				known.put(checkoutId, started);
			}
		});
		return known;
	}

	private static boolean sameContent(CheckoutStarted one, CheckoutStarted other) {
		return CheckoutContent.of(one.userId(), one.items()).equals(CheckoutContent.of(other.userId(), other.items()));
	}

	private static String conflict(CheckoutStarted started, String existing) {
		return "conflicting checkout event: requestId '" + started.requestId() + "' already names " + existing
				+ " with a different userId or items; not started again";
	}

	private CheckoutStarted toStart(ConsumerRecord<byte[], byte[]> record) {
		if (record.value() == null || record.value().length == 0) {
			throw new RejectedRecordException(DeadLetters.Reason.MALFORMED, "malformed checkout event: empty record");
		}
		if (record.value().length > this.maxValueBytes) {
			throw new RejectedRecordException(DeadLetters.Reason.TOO_LARGE, "checkout event too large: the value has "
					+ record.value().length + " bytes, the limit is " + this.maxValueBytes);
		}
		if (record.key() != null && record.key().length > this.maxKeyBytes) {
			throw new RejectedRecordException(DeadLetters.Reason.TOO_LARGE, "checkout event too large: the key has "
					+ record.key().length + " bytes, the limit is " + this.maxKeyBytes);
		}
		if (record.key() != null) {
			utf8(record.key(), "key");
		}
		String value = utf8(record.value(), "value");
		CheckoutEvent event;
		try {
			event = this.json.readValue(value, CheckoutEvent.class);
		}
		catch (JacksonException ex) {
			throw new RejectedRecordException(DeadLetters.Reason.MALFORMED,
					"malformed checkout event: " + JsonViolations.of(ex));
		}
		if (event == null) {
			throw new RejectedRecordException(DeadLetters.Reason.MALFORMED, "malformed checkout event: null");
		}
		List<FieldViolation> violations = this.validator.validate(event);
		if (!violations.isEmpty()) {
			throw new RejectedRecordException(DeadLetters.Reason.INVALID, "invalid checkout event: " + violations);
		}
		long clientTimestamp = (event.clientTimestamp() != null) ? event.clientTimestamp() : record.timestamp();
		return new CheckoutStarted(CheckoutIds.forRequest(event.requestId()), event.requestId(), event.experimentId(),
				event.message().userId(), event.message().items(), clientTimestamp, sourceOf(record),
				this.clock.millis() + this.deadline.toMillis());
	}

	/** Decodes strictly: a byte sequence that is not UTF-8 is refused, not replaced. */
	private static String utf8(byte[] bytes, String what) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new RejectedRecordException(DeadLetters.Reason.MALFORMED,
					"malformed checkout event: the " + what + " is not UTF-8 text");
		}
	}

	private static SagaEvent.Source sourceOf(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(SOURCE_HEADER);
		boolean rest = header != null
				&& SagaEvent.Source.REST.name().equals(new String(header.value(), StandardCharsets.UTF_8));
		return rest ? SagaEvent.Source.REST : SagaEvent.Source.KAFKA;
	}

	private static final class RejectedRecordException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final DeadLetters.Reason reason;

		RejectedRecordException(DeadLetters.Reason reason, String message) {
			super(message);
			this.reason = reason;
		}

	}

}
