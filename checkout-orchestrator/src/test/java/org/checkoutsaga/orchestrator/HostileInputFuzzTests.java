package org.checkoutsaga.orchestrator;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.awaitility.core.ConditionFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.orchestrator.ingress.CheckoutIds;
import org.checkoutsaga.orchestrator.ingress.DeadLetters;
import org.checkoutsaga.support.testing.FuzzTally;
import org.checkoutsaga.support.testing.FuzzTries;
import org.checkoutsaga.support.testing.HostileJson;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fuzzes both ingresses of a running orchestrator (real HTTP, an embedded Kafka broker,
 * an H2 file, stand-in participants) with generated input of many kinds, valid and not:
 * <ul>
 * <li>REST: never a 5xx; every 4xx is an {@code application/problem+json} with a title
 * and the status the kind calls for; a rejected request publishes nothing to
 * {@code checkout-events} and stores no saga; an accepted one publishes one record and
 * starts one saga; a repeat of an accepted one changes nothing.</li>
 * <li>Kafka: every record that cannot be a checkout is in {@code checkout-events.DLT}
 * with a reason of the expected kind and its original topic, partition and offset; every
 * valid one started exactly one saga; repeats and conflicts started none; the listener
 * got through all of them.</li>
 * </ul>
 * {@code ./mvnw verify} runs the tries of each {@code @Property}; {@code -Dfuzz.tries=N}
 * runs N of each. Each property prints a {@code FUZZ ...} line with its counts.
 */
class HostileInputFuzzTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String GROUP = "checkout-orchestrator";

	private static final int MAX_BODY = 64 * 1024;

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final AtomicLong ids = new AtomicLong();

	private static EmbeddedKafkaKraftBroker broker;

	private static FlakyParticipants participants;

	private static ConfigurableApplicationContext orchestrator;

	private static OrchestratorHttp api;

	private static JdbcTemplate jdbc;

	private static Admin admin;

	private static KafkaProducer<byte[], byte[]> producer;

	private static KafkaConsumer<byte[], byte[]> deadLetterReader;

	private static List<TopicPartition> checkoutEvents;

	/** Every dead letter read so far, by original partition and offset. */
	private static final Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = new HashMap<>();

	private FuzzTally tally;

	/** Accepted REST checkouts: Idempotency-Key and order. */
	private final List<Map.Entry<String, Order>> acceptedRest = new ArrayList<>();

	/** Valid Kafka checkouts sent: request id and order. */
	private final List<Map.Entry<String, Order>> acceptedKafka = new ArrayList<>();

	private final List<SentRecord> unchecked = new ArrayList<>();

	private final List<SentRecord> sent = new ArrayList<>();

	private Snapshot last;

	@BeforeContainer
	static void start() {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		participants = FlakyParticipants.started();
		orchestrator = CheckoutOrchestratorApplication.builder()
			.run("--server.port=0", "--spring.config.import=classpath:test-api-clients.yml",
					"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"--spring.datasource.url=jdbc:h2:file:./target/test-db/fuzz-" + RUN + ";WRITE_DELAY=0",
					"--checkout.stock-url=" + participants.url(), "--checkout.receipt-url=" + participants.url(),
					"--checkout.group-commit.sync-to-disk=false",
					// one line per dead letter would drown the test's output
					"--logging.level.org.checkoutsaga.orchestrator.ingress.DeadLetters=error");
		api = new OrchestratorHttp(((WebServerApplicationContext) orchestrator).getWebServer().getPort());
		jdbc = orchestrator.getBean(JdbcTemplate.class);
		admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()));
		producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.getBrokersAsString(), "linger.ms", 0),
				new ByteArraySerializer(), new ByteArraySerializer());
		deadLetterReader = new KafkaConsumer<>(
				Map.of("bootstrap.servers", broker.getBrokersAsString(), "group.id", "fuzz-" + RUN, "auto.offset.reset",
						"earliest", "enable.auto.commit", false),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		await().atMost(Duration.ofSeconds(60)).until(HostileInputFuzzTests::topicsExist);
		checkoutEvents = partitions(CheckoutEvent.TOPIC);
		await().atMost(Duration.ofSeconds(60)).until(HostileInputFuzzTests::listenerOwnsPartitions);
		deadLetterReader.assign(List.of(new TopicPartition(DeadLetters.TOPIC, 0)));
	}

	@AfterContainer
	static void stop() {
		if (deadLetterReader != null) {
			deadLetterReader.close();
		}
		if (producer != null) {
			producer.close();
		}
		if (admin != null) {
			admin.close();
		}
		if (orchestrator != null) {
			orchestrator.close();
		}
		if (participants != null) {
			participants.close();
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@BeforeProperty
	void baseline() {
		this.last = snapshot();
	}

	@AfterProperty
	void checkTheRestAndReport() {
		if (!this.sent.isEmpty()) {
			checkKafka();
			long sagas = sagaCount();
			long started = this.acceptedKafka.stream().map(Map.Entry::getKey).distinct().count();
			assertThat(sagas - this.last.sagas()).as("sagas started: one per valid request id, none for the rest")
				.isEqualTo(started);
		}
		if (this.tally != null) {
			System.out.println(this.tally.summary());
		}
	}

	// ---------------------------------------------------------------- REST

	@Property(tries = 600, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
	@AddLifecycleHook(FuzzTries.class)
	void restNeverAnswers5xxAndRejectedRequestsChangeNothing(@ForAll("restCases") RestCase fuzz) {
		if (this.tally == null) {
			this.tally = new FuzzTally("orchestrator-rest");
		}
		Prepared request = prepare(fuzz);
		HttpResponse<String> response = api.send(request.method(), request.path(), request.contentType(),
				request.body(), fuzz.chunked(), request.headers());
		int status = response.statusCode();
		this.tally.count(fuzz.kind().tag(), String.valueOf(status));
		String what = fuzz + " -> " + status + " " + shorten(response.body())
				+ ((fuzz.kind() == RestKind.NOT_UTF8 || fuzz.kind() == RestKind.GARBAGE)
						? " (body in hex: " + HexFormat.of().formatHex(request.body()) + ")" : "");
		assertThat(status).as(what).isLessThan(500);
		if (status >= 400) {
			assertProblem(response, what);
			if (request.expected() > 0) {
				assertThat(status).as(what + ": expected " + request.expected()).isEqualTo(request.expected());
			}
			if (fuzz.kind() == RestKind.INVALID_VALUES) {
				assertThat(json.readTree(response.body()).get("title").asString()).as(what)
					.isEqualTo("Invalid checkout");
			}
			expectUnchanged(what);
			return;
		}
		assertThat(request.expected()).as(what + ": expected " + request.expected()).isIn(0, 200, 202);
		String checkoutId = json.readTree(response.body()).get("checkoutId").asString();
		assertThat(checkoutId).as(what).isEqualTo(CheckoutIds.forRequest(request.key()));
		soon().until(() -> sagaCount(checkoutId) == 1);
		if (request.repeat()) {
			expectUnchanged(what);
			return;
		}
		Snapshot now = snapshot();
		assertThat(now).as(what + ": one record, one saga").isEqualTo(this.last.plus(1, 1));
		this.last = now;
		if (fuzz.kind() == RestKind.VALID || fuzz.kind() == RestKind.REPEAT_SAME
				|| fuzz.kind() == RestKind.REUSED_KEY) {
			// not ODD_CONTENT_TYPE: a declared charset may have made other ids of the
			// same
			// bytes
			this.acceptedRest.add(Map.entry(request.key(), request.order()));
		}
	}

	@Provide
	Arbitrary<RestCase> restCases() {
		Arbitrary<byte[]> valid = orders().map((order) -> bytes(JsonBody.of(order.userId(), order.items()).render()));
		return Arbitraries.frequencyOf(Tuple.of(10, orders().map((order) -> RestCase.post(RestKind.VALID, order))),
				Tuple.of(4, orders().map((order) -> RestCase.post(RestKind.REPEAT_SAME, order))),
				Tuple.of(4, orders().map((order) -> RestCase.post(RestKind.REUSED_KEY, order))),
				Tuple.of(14, invalidValues(true).map((body) -> RestCase.post(RestKind.INVALID_VALUES, body))),
				Tuple.of(10, wrongTypes().map((body) -> RestCase.post(RestKind.WRONG_TYPES, body))),
				Tuple.of(6, unknownFields().map((body) -> RestCase.post(RestKind.UNKNOWN_FIELD, body))),
				Tuple.of(8, randomJson().map((body) -> RestCase.post(RestKind.RANDOM_JSON, body))),
				Tuple.of(8, HostileJson.broken(validBodies()).map((body) -> RestCase.post(RestKind.BROKEN_JSON, body))),
				Tuple.of(6, HostileJson.garbage().map((body) -> RestCase.raw(RestKind.GARBAGE, body))),
				Tuple.of(4, HostileJson.notUtf8(validBodies()).map((body) -> RestCase.raw(RestKind.NOT_UTF8, body))),
				Tuple.of(4,
						Combinators.combine(oversized(), Arbitraries.of(true, false))
							.as((body, chunked) -> new RestCase(RestKind.OVERSIZED, body, "application/json", "POST",
									"/checkouts", chunked, null, null))),
				Tuple.of(6,
						Combinators
							.combine(Arbitraries.oneOf(valid, HostileJson.garbage()), HostileJson.notJsonContentTypes())
							.as((body, type) -> new RestCase(RestKind.WRONG_CONTENT_TYPE, body, type, "POST",
									"/checkouts", false, null, null))),
				Tuple.of(4,
						Combinators.combine(orders(), HostileJson.oddJsonContentTypes())
							.as((order, type) -> new RestCase(RestKind.ODD_CONTENT_TYPE,
									bytes(JsonBody.of(order.userId(), order.items()).render()), type, "POST",
									"/checkouts", false, null, order))),
				Tuple.of(3,
						Combinators.combine(valid, Arbitraries.of("text/html", "image/png", "application/xml"))
							.as((body, accept) -> new RestCase(RestKind.NOT_ACCEPTABLE, body, "application/json",
									"POST", "/checkouts", false, accept, null))),
				Tuple.of(3, Combinators
					.combine(Arbitraries.oneOf(valid, HostileJson.garbage()),
							Arbitraries.of("PUT /checkouts", "PATCH /checkouts", "DELETE /checkouts",
									"POST /checkouts/" + UUID.randomUUID(), "PUT /checkouts/x"),
							Arbitraries.oneOf(Arbitraries.just("application/json"), HostileJson.notJsonContentTypes()))
					.as((body, target, type) -> new RestCase(RestKind.WRONG_METHOD, body, type,
							target.substring(0, target.indexOf(' ')), target.substring(target.indexOf(' ') + 1), false,
							null, null))));
	}

	/**
	 * Resolves what a case needs from the run: its key, and for repeats an earlier order.
	 */
	private Prepared prepare(RestCase fuzz) {
		String key = "fuzz-rest-" + RUN + "-" + ids.incrementAndGet();
		Map<String, String> headers = new LinkedHashMap<>();
		if (fuzz.accept() != null) {
			headers.put("Accept", fuzz.accept());
		}
		RestKind kind = fuzz.kind();
		if ((kind == RestKind.REPEAT_SAME || kind == RestKind.REUSED_KEY) && !this.acceptedRest.isEmpty()) {
			Map.Entry<String, Order> earlier = this.acceptedRest
				.get(Math.floorMod(fuzz.order().hashCode(), this.acceptedRest.size()));
			headers.put("Idempotency-Key", earlier.getKey());
			Order order = earlier.getValue();
			if (kind == RestKind.REPEAT_SAME) {
				List<CheckoutItem> reversed = new ArrayList<>(order.items());
				Collections.reverse(reversed);
				return new Prepared("POST", "/checkouts", "application/json",
						bytes(JsonBody.of(order.userId(), reversed).render()), headers, earlier.getKey(), order, 200,
						true);
			}
			Order other = order.changed();
			return new Prepared("POST", "/checkouts", "application/json",
					bytes(JsonBody.of(other.userId(), other.items()).render()), headers, earlier.getKey(), other, 409,
					true);
		}
		headers.put("Idempotency-Key", key);
		if (kind == RestKind.REPEAT_SAME || kind == RestKind.REUSED_KEY || kind == RestKind.VALID) {
			// nothing accepted yet to repeat: a new checkout
			Order order = fuzz.order();
			return new Prepared("POST", "/checkouts", "application/json",
					bytes(JsonBody.of(order.userId(), order.items()).render()), headers, key, order, 202, false);
		}
		return new Prepared(fuzz.method(), fuzz.path(), fuzz.contentType(), fuzz.body(), headers, key, fuzz.order(),
				kind.expected(), false);
	}

	// ---------------------------------------------------------------- Kafka

	@Property(tries = 800, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
	@AddLifecycleHook(FuzzTries.class)
	void everyBadRecordIsDeadLetteredAndEveryGoodOneStartsOneSaga(@ForAll("kafkaCases") KafkaCase fuzz) {
		if (this.tally == null) {
			this.tally = new FuzzTally("orchestrator-kafka");
		}
		String requestId = "fuzz-kafka-" + RUN + "-" + ids.incrementAndGet();
		Order order = fuzz.order();
		KafkaKind kind = fuzz.kind();
		byte[] key;
		byte[] value;
		if ((kind == KafkaKind.REPEAT_SAME || kind == KafkaKind.CONFLICT) && !this.acceptedKafka.isEmpty()) {
			Map.Entry<String, Order> earlier = this.acceptedKafka
				.get(Math.floorMod(order.hashCode(), this.acceptedKafka.size()));
			requestId = earlier.getKey();
			Order content = (kind == KafkaKind.REPEAT_SAME) ? earlier.getValue() : earlier.getValue().changed();
			key = bytes(requestId);
			value = bytes(event(HostileJson.quote(requestId), "1", message(content), ""));
		}
		else if (kind == KafkaKind.REPEAT_SAME || kind == KafkaKind.CONFLICT || kind == KafkaKind.VALID
				|| kind == KafkaKind.EXTRA_FIELDS) {
			key = bytes(requestId);
			String extra = (kind == KafkaKind.EXTRA_FIELDS) ? fuzz.extra() : "";
			value = bytes(event(HostileJson.quote(requestId), "1", message(order), extra));
			kind = (kind == KafkaKind.EXTRA_FIELDS) ? kind : KafkaKind.VALID;
		}
		else {
			key = (fuzz.key() != null) ? fuzz.key() : bytes(requestId);
			value = (fuzz.value() != null) ? fuzz.value()
					: bytes(event((fuzz.requestIdJson() != null) ? fuzz.requestIdJson() : HostileJson.quote(requestId),
							fuzz.clientTimestampJson(), fuzz.messageJson(), ""));
		}
		// not awaited here: the checks of a hundred records at a time wait for all of
		// them
		Future<RecordMetadata> metadata = producer.send(new ProducerRecord<>(CheckoutEvent.TOPIC, key, value));
		boolean accepted = kind == KafkaKind.VALID || kind == KafkaKind.EXTRA_FIELDS;
		if (accepted) {
			this.acceptedKafka.add(Map.entry(requestId, order));
		}
		SentRecord record = new SentRecord(kind, metadata, requestId, kind.deadLetterReasons(), describe(key, value));
		this.unchecked.add(record);
		this.sent.add(record);
		if (this.unchecked.size() >= 100) {
			checkKafka();
		}
	}

	/** Waits until the listener got through every record sent, then checks each. */
	private void checkKafka() {
		producer.flush();
		soon().until(HostileInputFuzzTests::consumedAll);
		long end = endOffsets(List.of(new TopicPartition(DeadLetters.TOPIC, 0)));
		soon().until(() -> {
			deadLetterReader.poll(Duration.ofMillis(100))
				.forEach((letter) -> deadLetters.put(
						header(letter, "dlt-original-partition") + "@" + header(letter, "dlt-original-offset"),
						letter));
			return deadLetterReader.position(new TopicPartition(DeadLetters.TOPIC, 0)) >= end;
		});
		for (SentRecord record : this.unchecked) {
			ConsumerRecord<byte[], byte[]> letter = deadLetters.get(record.coordinates());
			String what = record + (letter != null ? " dead-lettered: " + header(letter, "dlt-reason") : "");
			if (record.reasons().isEmpty()) {
				assertThat(letter).as(what).isNull();
				assertThat(sagaCount(CheckoutIds.forRequest(record.requestId()))).as(what).isOne();
				this.tally.count(record.kind().tag(), "started");
				continue;
			}
			assertThat(letter).as(what + ": in the dead-letter topic").isNotNull();
			String reason = header(letter, "dlt-reason-kind");
			this.tally.count(record.kind().tag(), "dlt:" + reason);
			assertThat(reason).as(what).isIn(record.reasons());
			assertThat(header(letter, "dlt-reason")).as(what).isNotBlank();
			assertThat(header(letter, "dlt-original-topic")).as(what).isEqualTo(CheckoutEvent.TOPIC);
			if (record.kind() == KafkaKind.CONFLICT) {
				assertThat(sagaCount(CheckoutIds.forRequest(record.requestId()))).as(what).isOne();
			}
			else if (sagaCount(CheckoutIds.forRequest(record.requestId())) != 0) {
				this.tally.stateChange();
				assertThat(sagaCount(CheckoutIds.forRequest(record.requestId()))).as(what + ": no saga").isZero();
			}
		}
		this.unchecked.clear();
	}

	@Provide
	Arbitrary<KafkaCase> kafkaCases() {
		Arbitrary<String> messages = orders().map(HostileInputFuzzTests::message);
		Arbitrary<String> extras = Combinators
			.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), HostileJson.documents())
			.as((name, value) -> ", " + HostileJson.quote("x-" + name) + ": " + value);
		Arbitrary<String> wholeEvents = validEvents();
		return Arbitraries.frequencyOf(Tuple.of(14, orders().map((order) -> KafkaCase.valid(KafkaKind.VALID, order))),
				Tuple.of(5,
						Combinators.combine(orders(), extras)
							.as((order, extra) -> new KafkaCase(KafkaKind.EXTRA_FIELDS, order, null, null, null, null,
									null, extra))),
				Tuple.of(5, orders().map((order) -> KafkaCase.valid(KafkaKind.REPEAT_SAME, order))),
				Tuple.of(5, orders().map((order) -> KafkaCase.valid(KafkaKind.CONFLICT, order))),
				Tuple.of(8,
						invalidValues(false).map((body) -> KafkaCase.event(KafkaKind.INVALID_VALUES, null, "1", body))),
				Tuple.of(3,
						Combinators.combine(HostileJson.badIds(200), messages)
							.as((id, message) -> KafkaCase.event(KafkaKind.INVALID_VALUES, HostileJson.quote(id), "1",
									message))),
				Tuple.of(2,
						Combinators.combine(Arbitraries.longs().between(Long.MIN_VALUE, -1), messages)
							.as((timestamp, message) -> KafkaCase.event(KafkaKind.INVALID_VALUES, null,
									String.valueOf(timestamp), message))),
				Tuple.of(8, wrongTypes().map((body) -> KafkaCase.event(KafkaKind.WRONG_TYPES, null, "1", body))),
				Tuple.of(3,
						Combinators.combine(HostileJson.notStrings(), messages)
							.as((id, message) -> KafkaCase.event(KafkaKind.WRONG_TYPES, id, "1", message))),
				Tuple.of(3, Combinators
					.combine(Arbitraries.of("1.5", "\"1\"", "true", "[1]", "{}", "9223372036854775808", "1e3"),
							messages)
					.as((timestamp, message) -> KafkaCase.event(KafkaKind.WRONG_TYPES, null, timestamp, message))),
				Tuple.of(8, randomJson().map((body) -> KafkaCase.raw(KafkaKind.RANDOM_JSON, null, bytes(body)))),
				Tuple.of(8,
						HostileJson.broken(wholeEvents)
							.map((body) -> KafkaCase.raw(KafkaKind.BROKEN_JSON, null, bytes(body)))),
				Tuple.of(6, HostileJson.garbage().map((body) -> KafkaCase.raw(KafkaKind.GARBAGE, null, body))),
				Tuple.of(4,
						HostileJson.notUtf8(wholeEvents).map((body) -> KafkaCase.raw(KafkaKind.NOT_UTF8, null, body))),
				Tuple.of(3, oversized().map((body) -> KafkaCase.raw(KafkaKind.TOO_LARGE, null, body))),
				Tuple.of(2, Arbitraries.just(new byte[0]).map((body) -> KafkaCase.raw(KafkaKind.EMPTY, null, body))),
				Tuple.of(3,
						Combinators.combine(HostileJson.notUtf8(Arbitraries.strings().ofMaxLength(20)), wholeEvents)
							.as((key, body) -> KafkaCase.raw(KafkaKind.BAD_KEY, key, bytes(body)))),
				Tuple.of(2, Combinators.combine(Arbitraries.integers().between(801, 200_000), wholeEvents)
					.as((length, body) -> KafkaCase.raw(KafkaKind.HUGE_KEY, bytes("k".repeat(length)), bytes(body)))));
	}

	// ---------------------------------------------------------------- generators

	/** Valid orders: 1-5 distinct items, quantities 1-1000, ids of any printable text. */
	private static Arbitrary<Order> orders() {
		Arbitrary<List<CheckoutItem>> items = Combinators
			.combine(HostileJson.ids(30), Arbitraries.integers().between(1, 1000))
			.as(CheckoutItem::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(5)
			.uniqueElements(CheckoutItem::itemId);
		return Combinators.combine(HostileJson.ids(40), items).as(Order::new);
	}

	private static Arbitrary<String> validBodies() {
		return orders().map((order) -> JsonBody.of(order.userId(), order.items()).render());
	}

	private static Arbitrary<String> validEvents() {
		return orders().map((order) -> event(HostileJson.quote("e-" + order.hashCode()), "1", message(order), ""));
	}

	/**
	 * Well-formed JSON of the right types that breaks a rule: a 400 "Invalid checkout".
	 * @param rest a REST body (with an experiment id that may be too long), or the
	 * message of a Kafka event
	 */
	private static Arbitrary<String> invalidValues(boolean rest) {
		Arbitrary<Integer> badQuantities = Arbitraries.oneOf(Arbitraries.integers().between(Integer.MIN_VALUE, 0),
				Arbitraries.integers().between(1001, Integer.MAX_VALUE));
		List<Arbitrary<String>> kinds = new ArrayList<>(List.of(
				Combinators.combine(orders(), HostileJson.badIds(200))
					.as((order, id) -> body(order).field("userId", HostileJson.quote(id)).render()),
				Combinators.combine(orders(), HostileJson.badIds(200), Arbitraries.integers().between(0, 4))
					.as((order, id, at) -> body(order).itemField(at, "itemId", HostileJson.quote(id)).render()),
				Combinators.combine(orders(), badQuantities, Arbitraries.integers().between(0, 4))
					.as((order, quantity, at) -> body(order).itemField(at, "quantity", String.valueOf(quantity))
						.render()),
				orders().map((order) -> body(order).items("[]").render()),
				orders().map((order) -> body(order).items("null").render()),
				orders().map((order) -> body(order).items(null).render()),
				orders().map((order) -> body(order).field("userId", null).render()),
				orders().map((order) -> body(order).field("userId", "null").render()), orders().map((order) -> {
					List<CheckoutItem> twice = new ArrayList<>(order.items());
					twice.add(new CheckoutItem(order.items().get(0).itemId(), 1));
					return JsonBody.of(order.userId(), twice).render();
				}), Combinators.combine(orders(), Arbitraries.integers().between(51, 80)).as((order, count) -> {
					List<CheckoutItem> many = new ArrayList<>();
					for (int i = 0; i < count; i++) {
						many.add(new CheckoutItem("item-" + i, 1));
					}
					return JsonBody.of(order.userId(), many).render();
				})));
		if (rest) {
			kinds.add(Combinators.combine(orders(), Arbitraries.integers().between(201, 400))
				.as((order, length) -> body(order).field("experimentId", HostileJson.quote("e".repeat(length)))
					.render()));
		}
		return Arbitraries.oneOf(kinds);
	}

	/** JSON with a value of the wrong type somewhere: always 400. */
	private static Arbitrary<String> wrongTypes() {
		return Arbitraries.oneOf(
				Combinators.combine(orders(), HostileJson.notStrings())
					.as((order, value) -> body(order).field("userId", value).render()),
				Combinators.combine(orders(), HostileJson.notStrings(), Arbitraries.integers().between(0, 4))
					.as((order, value, at) -> body(order).itemField(at, "itemId", value).render()),
				Combinators
					.combine(orders(), HostileJson.badWholeNumbers(1, 1000), Arbitraries.integers().between(0, 4))
					.as((order, value, at) -> body(order).itemField(at, "quantity", value).render()),
				Combinators.combine(orders(), Arbitraries.of("\"x\"", "5", "{}", "true", "{\"itemId\": \"a\"}"))
					.as((order, value) -> body(order).items(value).render()),
				Combinators.combine(orders(), Arbitraries.of("\"a\"", "1", "[]", "null", "[{}]"))
					.as((order, element) -> body(order).items("[" + element + "]").render()),
				orders().map((order) -> "{\"userId\": " + HostileJson.quote(order.userId()) + ", "
						+ body(order).render().substring(1)),
				Arbitraries.of("[]", "\"checkout\"", "42", "null", "true", "[{\"userId\": \"u\"}]"));
	}

	/** A valid checkout with a field it does not have: 400 on REST. */
	private static Arbitrary<String> unknownFields() {
		Arbitrary<String> names = Arbitraries.strings()
			.ofMinLength(1)
			.ofMaxLength(12)
			.filter((name) -> !Set.of("requestId", "experimentId", "userId", "items", "itemId", "quantity")
				.contains(name));
		return Combinators.combine(orders(), names, HostileJson.documents(), Arbitraries.of(true, false))
			.as((order, name, value, inItem) -> inItem ? body(order).itemField(0, name, value).render()
					: body(order).field(name, value).render());
	}

	private static Arbitrary<String> randomJson() {
		return Arbitraries.oneOf(HostileJson.documents(), HostileJson.objectsWithKeys("requestId", "experimentId",
				"userId", "items", "itemId", "quantity", "message", "clientTimestamp"));
	}

	/** Valid JSON over the body limit. */
	private static Arbitrary<byte[]> oversized() {
		return Combinators.combine(orders(), Arbitraries.integers().between(MAX_BODY + 1, 4 * MAX_BODY))
			.as((order, size) -> {
				String body = body(order).render();
				return bytes(body.substring(0, body.length() - 1) + ", \"pad\": \""
						+ "x".repeat(Math.max(0, size - body.length())) + "\"}");
			});
	}

	private static JsonBody body(Order order) {
		return JsonBody.of(order.userId(), order.items());
	}

	private static String message(Order order) {
		return body(order).render();
	}

	private static String event(String requestIdJson, String clientTimestampJson, String messageJson, String extra) {
		StringBuilder event = new StringBuilder("{\"requestId\": ").append(requestIdJson)
			.append(", \"experimentId\": \"fuzz\"");
		if (clientTimestampJson != null) {
			event.append(", \"clientTimestamp\": ").append(clientTimestampJson);
		}
		if (messageJson != null) {
			event.append(", \"message\": ").append(messageJson);
		}
		return event.append(extra).append("}").toString();
	}

	// ---------------------------------------------------------------- checks

	private void assertProblem(HttpResponse<String> response, String what) {
		assertThat(response.headers().firstValue("Content-Type")).as(what)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("title").asString("")).as(what).isNotBlank();
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(response.statusCode());
	}

	private void expectUnchanged(String what) {
		Snapshot now = snapshot();
		if (!now.equals(this.last)) {
			this.tally.stateChange();
		}
		assertThat(now).as(what + ": nothing published, no saga stored").isEqualTo(this.last);
	}

	/** What a rejected request must not change: records published, sagas stored. */
	record Snapshot(long published, long sagas) {

		Snapshot plus(long records, long started) {
			return new Snapshot(this.published + records, this.sagas + started);
		}

	}

	private static Snapshot snapshot() {
		return new Snapshot(endOffsets(checkoutEvents), sagaCount());
	}

	/** Awaits a condition for up to a minute, checking at once and then often. */
	private static ConditionFactory soon() {
		return await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

	private static long sagaCount() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance", Long.class);
	}

	private static long sagaCount(String checkoutId) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance WHERE saga_id = ?", Long.class, checkoutId);
	}

	private static boolean topicsExist() throws Exception {
		return admin.listTopics().names().get().containsAll(List.of(CheckoutEvent.TOPIC, DeadLetters.TOPIC));
	}

	/** The listener has joined and owns every partition (its committed offsets exist). */
	private static boolean listenerOwnsPartitions() throws Exception {
		return admin.describeConsumerGroups(List.of(GROUP))
			.all()
			.get()
			.get(GROUP)
			.members()
			.stream()
			.mapToInt((member) -> member.assignment().topicPartitions().size())
			.sum() == checkoutEvents.size();
	}

	private static boolean consumedAll() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, Long> ends = ends(checkoutEvents);
		for (TopicPartition partition : checkoutEvents) {
			long end = ends.get(partition);
			OffsetAndMetadata done = committed.get(partition);
			if (end > 0 && (done == null || done.offset() < end)) {
				return false;
			}
		}
		return true;
	}

	private static List<TopicPartition> partitions(String topic) {
		try {
			int count = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
			List<TopicPartition> partitions = new ArrayList<>();
			for (int p = 0; p < count; p++) {
				partitions.add(new TopicPartition(topic, p));
			}
			return partitions;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long endOffsets(List<TopicPartition> partitions) {
		return ends(partitions).values().stream().mapToLong(Long::longValue).sum();
	}

	private static Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, OffsetSpec.latest()));
		try {
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
			return ends;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		return (record.headers().lastHeader(name) != null)
				? new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8) : "";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String shorten(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	private static String describe(byte[] key, byte[] value) {
		return "key=" + ((key != null) ? shorten(new String(key, StandardCharsets.UTF_8)) : "null") + " value="
				+ ((value != null) ? shorten(new String(value, StandardCharsets.UTF_8)) : "null");
	}

	// ---------------------------------------------------------------- cases

	/**
	 * A valid order.
	 *
	 * @param userId the buyer
	 * @param items the lines
	 */
	record Order(String userId, List<CheckoutItem> items) {

		/** The same order with another user or other items: a conflict under its key. */
		Order changed() {
			if (Math.floorMod(hashCode(), 2) == 0 || this.items.get(0).quantity() == 1000) {
				return new Order(this.userId + "-other", this.items);
			}
			List<CheckoutItem> more = new ArrayList<>(this.items);
			more.set(0, new CheckoutItem(more.get(0).itemId(), more.get(0).quantity() + 1));
			return new Order(this.userId, more);
		}

	}

	enum RestKind {

		VALID(202), REPEAT_SAME(200), REUSED_KEY(409), INVALID_VALUES(400), WRONG_TYPES(400), UNKNOWN_FIELD(400),
		RANDOM_JSON(0), BROKEN_JSON(400), GARBAGE(400), NOT_UTF8(400), OVERSIZED(413), WRONG_CONTENT_TYPE(415),
		ODD_CONTENT_TYPE(0), NOT_ACCEPTABLE(406), WRONG_METHOD(405);

		private final int expected;

		RestKind(int expected) {
			this.expected = expected;
		}

		/**
		 * @return the status a case of this kind must get, 0 for any 2xx or 4xx; 200
		 * stands for 200 or 202
		 */
		int expected() {
			return this.expected;
		}

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * One generated request.
	 *
	 * @param kind what kind of input
	 * @param body the body as sent (for valid and repeated orders, made when run)
	 * @param contentType the Content-Type header, null for none
	 * @param method the HTTP method
	 * @param path the path
	 * @param chunked whether the body goes without a Content-Length
	 * @param accept the Accept header, null for the client's default
	 * @param order the order, for kinds that send one
	 */
	record RestCase(RestKind kind, byte[] body, String contentType, String method, String path, boolean chunked,
			String accept, Order order) {

		static RestCase post(RestKind kind, Order order) {
			return new RestCase(kind, null, "application/json", "POST", "/checkouts", false, null, order);
		}

		static RestCase post(RestKind kind, String body) {
			return raw(kind, bytes(body));
		}

		static RestCase raw(RestKind kind, byte[] body) {
			return new RestCase(kind, body, "application/json", "POST", "/checkouts", false, null, null);
		}

		@Override
		public String toString() {
			return this.kind.tag() + " " + this.method + " " + this.path + " type=" + this.contentType + " chunked="
					+ this.chunked + " accept=" + this.accept + " order=" + this.order + " body=" + ((this.body != null)
							? shorten(new String(this.body, StandardCharsets.UTF_8)) : "(made when run)");
		}

	}

	/**
	 * A request as sent.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param contentType the Content-Type
	 * @param body the body
	 * @param headers Idempotency-Key, Accept
	 * @param key the Idempotency-Key
	 * @param order the order sent, if any
	 * @param expected the status it must get, 0 for any 2xx or 4xx
	 * @param repeat whether it repeats an accepted checkout's key
	 */
	record Prepared(String method, String path, String contentType, byte[] body, Map<String, String> headers,
			String key, Order order, int expected, boolean repeat) {
	}

	enum KafkaKind {

		VALID(), EXTRA_FIELDS(), REPEAT_SAME(), CONFLICT("conflict"), INVALID_VALUES("invalid"),
		WRONG_TYPES("malformed", "invalid"), RANDOM_JSON("malformed", "invalid"), BROKEN_JSON("malformed"),
		GARBAGE("malformed", "invalid", "too-large"), NOT_UTF8("malformed"), TOO_LARGE("too-large"), EMPTY("malformed"),
		BAD_KEY("malformed"), HUGE_KEY("too-large");

		private final Set<String> reasons;

		KafkaKind(String... reasons) {
			this.reasons = Set.of(reasons);
		}

		/**
		 * @return the reasons it may be dead-lettered for; empty: it must start a saga
		 */
		Set<String> deadLetterReasons() {
			return this.reasons;
		}

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * One generated record.
	 *
	 * @param kind what kind of input
	 * @param order the order, for kinds that send one
	 * @param key the key, null for the request id
	 * @param value the whole value, null to make it of the fields that follow
	 * @param requestIdJson the request id as JSON, null for a new one
	 * @param clientTimestampJson the client timestamp as JSON
	 * @param messageJson the message as JSON
	 * @param extra more properties, e.g. {@code , "x-a": 1}
	 */
	record KafkaCase(KafkaKind kind, Order order, byte[] key, byte[] value, String requestIdJson,
			String clientTimestampJson, String messageJson, String extra) {

		static KafkaCase valid(KafkaKind kind, Order order) {
			return new KafkaCase(kind, order, null, null, null, null, null, "");
		}

		static KafkaCase event(KafkaKind kind, String requestIdJson, String clientTimestampJson, String messageJson) {
			return new KafkaCase(kind, null, null, null, requestIdJson, clientTimestampJson, messageJson, "");
		}

		static KafkaCase raw(KafkaKind kind, byte[] key, byte[] value) {
			return new KafkaCase(kind, null, key, value, null, null, null, "");
		}

		@Override
		public String toString() {
			return this.kind.tag() + " order=" + this.order + " " + describe(this.key, this.value) + " requestId="
					+ this.requestIdJson + " clientTimestamp=" + this.clientTimestampJson + " message="
					+ ((this.messageJson != null) ? shorten(this.messageJson) : null) + this.extra;
		}

	}

	/**
	 * A record sent, to be checked once the listener got through it.
	 *
	 * @param kind what kind of input
	 * @param sent where it went, once the broker has it
	 * @param requestId its request id, if it has one
	 * @param reasons the reasons it may be dead-lettered for; empty: it must start a saga
	 * @param what key and value, for messages
	 */
	record SentRecord(KafkaKind kind, Future<RecordMetadata> sent, String requestId, Set<String> reasons, String what) {

		/**
		 * @return partition and offset, as {@code 3@120}
		 */
		String coordinates() {
			try {
				RecordMetadata metadata = this.sent.get();
				return metadata.partition() + "@" + metadata.offset();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Not sent: " + this.what, ex);
			}
		}

		@Override
		public String toString() {
			return this.kind.tag() + " at " + coordinates() + " requestId=" + this.requestId + " " + this.what;
		}

	}

}
