package org.checkoutsaga.orchestrator.ingress;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.orchestrator.OrchestratorHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator alone, with a real Kafka broker and an H2 file database: bad input on
 * either ingress changes nothing and says why, and a repeated request never starts a
 * second saga. The stock service is unreachable here, so started sagas stay RUNNING.
 */
@EmbeddedKafka(partitions = 2)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.datasource.url=jdbc:h2:file:./target/test-db/ingress-${random.uuid};WRITE_DELAY=0",
				"checkout.stock-url=http://127.0.0.1:9", "checkout.receipt-url=http://127.0.0.1:9" })
class IngressTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	JsonMapper json;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	MeterRegistry meters;

	private OrchestratorHttp api;

	/** Sends any bytes, not only what a String serializer makes of text. */
	private KafkaProducer<byte[], byte[]> producer;

	@BeforeEach
	void connect() {
		this.api = new OrchestratorHttp(this.port);
		this.producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString(), "max.request.size", 2_000_000),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	@AfterEach
	void disconnect() {
		this.producer.close();
	}

	@Test
	void rejectsMalformedJsonWithAProblemAndPublishesNothing() throws Exception {
		long before = endOffsets(CheckoutEvent.TOPIC);
		HttpResponse<String> response = post("{\"userId\": \"u\", \"items\": [", Map.of());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.json.readTree(response.body()).get("title").asString()).isEqualTo("Malformed request body");
		assertThat(endOffsets(CheckoutEvent.TOPIC)).isEqualTo(before);
	}

	@Test
	void namesEveryInvalidFieldAndPublishesNothing() throws Exception {
		long before = endOffsets(CheckoutEvent.TOPIC);
		long sagasBefore = sagaCount();
		String body = """
				{"userId": " ", "items": [{"itemId": "a", "quantity": 0}, {"itemId": "a", "quantity": 1},
				                          {"itemId": "", "quantity": 100000}]}""";
		HttpResponse<String> response = post(body, Map.of());
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Invalid checkout");
		List<String> fields = new ArrayList<>();
		problem.get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("userId", "items[0].quantity", "items[1].itemId",
				"items[2].itemId", "items[2].quantity");
		assertThat(endOffsets(CheckoutEvent.TOPIC)).isEqualTo(before);
		assertThat(sagaCount()).isEqualTo(sagasBefore);
	}

	@Test
	void rejectsAWaitThatIsNotADurationOrTooLong() throws Exception {
		String body = "{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}]}";
		for (String wait : List.of("soon", "5m")) {
			HttpResponse<String> response = post(body, Map.of(), "?wait=" + wait);
			assertThat(response.statusCode()).as("wait=" + wait).isEqualTo(400);
			assertThat(response.body()).contains("\"field\":\"wait\"");
		}
	}

	@Test
	void rejectsAnEmptyItemList() throws Exception {
		HttpResponse<String> response = post("{\"userId\": \"u\", \"items\": []}", Map.of());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"items\"");
	}

	@Test
	void acceptsACheckoutAndNeverStartsASecondForTheSameIdempotencyKey() throws Exception {
		// the answer waits for the start, which needs the listener to own the partitions
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("checkout-events"),
				partitions(CheckoutEvent.TOPIC));
		String key = "key-" + UUID.randomUUID();
		String body = "{\"userId\": \"u-1\", \"items\": [{\"itemId\": \"item-1\", \"quantity\": 2}]}";
		HttpResponse<String> first = post(body, Map.of("Idempotency-Key", key));
		assertThat(first.statusCode()).isEqualTo(202);
		String location = first.headers().firstValue("Location").orElseThrow();
		String checkoutId = CheckoutIds.forRequest(key);
		assertThat(location).endsWith("/checkouts/" + checkoutId);
		assertThat(this.json.readTree(first.body()).get("status").asString()).as("answered once the start is durable")
			.isEqualTo("RUNNING");
		assertThat(get(location).statusCode()).as("the status URL works at once").isEqualTo(200);
		HttpResponse<String> repeat = post(body, Map.of("Idempotency-Key", key));
		assertThat(repeat.statusCode()).as("a started checkout is returned, not started again").isIn(200, 202);
		assertThat(this.json.readTree(repeat.body()).get("checkoutId").asString()).isEqualTo(checkoutId);
		JsonNode view = this.json.readTree(get(location).body());
		assertThat(view.get("status").asString()).isEqualTo("RUNNING");
		assertThat(view.get("history").get(0).get("event").get("type").asString()).isEqualTo("CheckoutStarted");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance WHERE saga_id = ?", Long.class,
				checkoutId))
			.isEqualTo(1);
	}

	@Test
	void answers404ForAnUnknownCheckout() throws Exception {
		HttpResponse<String> response = this.api.get("/checkouts/nope");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Checkout not found");
	}

	@Test
	void deadLettersBadKafkaRecordsWithTheReasonAndMovesOn() throws Exception {
		String run = UUID.randomUUID().toString();
		String good = UUID.randomUUID().toString();
		send("k1-" + run, "{not json");
		send("k2-" + run, """
				{"requestId": "bad-%s", "message": {"userId": "u", "items": [{"itemId": "a", "quantity": -1}]}}"""
			.formatted(run));
		send(good, """
				{"requestId": "%s", "experimentId": "e", "clientTimestamp": 1,
				 "message": {"userId": "u", "items": [{"itemId": "a", "quantity": 1}]}}""".formatted(good));
		Map<String, ConsumerRecord<byte[], byte[]>> letters = deadLetters("k1-" + run, "k2-" + run);
		assertThat(header(letters.get("k1-" + run), "dlt-reason")).startsWith("malformed checkout event");
		assertThat(header(letters.get("k1-" + run), "dlt-reason-kind")).isEqualTo("malformed");
		assertThat(header(letters.get("k2-" + run), "dlt-reason")).contains("items[0].quantity");
		assertThat(header(letters.get("k2-" + run), "dlt-reason-kind")).isEqualTo("invalid");
		assertThat(header(letters.get("k2-" + run), "dlt-original-topic")).isEqualTo(CheckoutEvent.TOPIC);
		assertThat(header(letters.get("k2-" + run), "dlt-original-offset")).isNotBlank();
		assertThat(header(letters.get("k2-" + run), "dlt-original-partition")).isNotBlank();
		await().atMost(Duration.ofSeconds(20)).until(() -> sagaCount(good) == 1);
		assertThat(sagaCount(CheckoutIds.forRequest("bad-" + run))).isZero();
	}

	@Test
	void deadLettersRecordsThatAreNotUtf8OrTooLargeAsTheyArrivedAndMovesOn() throws Exception {
		String run = UUID.randomUUID().toString();
		byte[] notUtf8 = { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' };
		String valid = validEvent(UUID.randomUUID().toString(), "u", "a", 1);
		byte[] huge = ("{\"pad\": \"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		RecordMetadata badValue = send(bytes("v-" + run), notUtf8);
		RecordMetadata badKey = send(new byte[] { (byte) 0xFF, (byte) 0xFE, 'k' }, bytes(valid));
		RecordMetadata hugeValue = send(bytes("h-" + run), huge);
		RecordMetadata hugeKey = send(bytes("k".repeat(100_000)), bytes(validEvent("r-" + run, "u", "a", 1)));
		String good = UUID.randomUUID().toString();
		send(good, validEvent(good, "u", "a", 1));

		Map<String, ConsumerRecord<byte[], byte[]>> letters = deadLettersAt(badValue, badKey, hugeValue, hugeKey);
		ConsumerRecord<byte[], byte[]> value = letters.get(coordinates(badValue));
		assertThat(value.value()).as("sent on as it arrived, not decoded").isEqualTo(notUtf8);
		assertThat(header(value, "dlt-reason")).isEqualTo("malformed checkout event: the value is not UTF-8 text");
		assertThat(header(letters.get(coordinates(badKey)), "dlt-reason")).contains("the key is not UTF-8 text");
		ConsumerRecord<byte[], byte[]> cut = letters.get(coordinates(hugeValue));
		assertThat(header(cut, "dlt-reason-kind")).isEqualTo("too-large");
		assertThat(cut.value()).hasSize(64 * 1024).startsWith(Arrays.copyOf(huge, 100));
		assertThat(header(cut, "dlt-original-value-bytes")).isEqualTo(String.valueOf(huge.length));
		ConsumerRecord<byte[], byte[]> key = letters.get(coordinates(hugeKey));
		assertThat(header(key, "dlt-reason")).contains("the key has 100000 bytes");
		assertThat(key.key()).hasSize(64 * 1024);
		await().atMost(Duration.ofSeconds(20)).until(() -> sagaCount(good) == 1);
		assertThat(sagaCount(CheckoutIds.forRequest("r-" + run))).isZero();
		assertThat(this.api.get("/actuator/prometheus").body())
			.containsPattern(
					"checkout_dead_letters_total\\{reason=\"too-large\",service=\"checkout-orchestrator\"} [1-9]")
			.contains("checkout_dead_letters_total{reason=\"malformed\"",
					"checkout_dead_letters_total{reason=\"invalid\"",
					"checkout_dead_letters_total{reason=\"conflict\"");
	}

	@Test
	void deadLettersARequestIdReusedForAnotherCheckoutAndSkipsAnIdenticalRepeat() throws Exception {
		String requestId = "reused-" + UUID.randomUUID();
		String checkoutId = CheckoutIds.forRequest(requestId);
		send("first", validEvent(requestId, "u", "a", 1));
		await().atMost(Duration.ofSeconds(20)).until(() -> sagaCount(checkoutId) == 1);
		double conflictsBefore = deadLetterCount("conflict");

		// a conflicting record and an identical repeat in one batch: only the first is a
		// conflict, the repeat is compared with the stored checkout, not with the record
		// before it
		RecordMetadata other = send("other-user", validEvent(requestId, "someone-else", "a", 1),
				validEvent(requestId, "u", "a", 1));
		// in one batch: the first of two records decides, the second conflicts with it
		String batched = "batched-" + UUID.randomUUID();
		send(batched, validEvent(batched, "u", "a", 1), validEvent(batched, "u", "a", 2));

		ConsumerRecord<byte[], byte[]> letter = deadLettersAt(other).get(coordinates(other));
		assertThat(header(letter, "dlt-reason-kind")).isEqualTo("conflict");
		assertThat(header(letter, "dlt-reason")).contains("requestId '" + requestId + "' already names checkout "
				+ checkoutId + " with a different userId or items");
		await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterCount("conflict") >= conflictsBefore + 2);
		assertThat(sagaCount(checkoutId)).isOne();
		assertThat(sagaCount(CheckoutIds.forRequest(batched))).isOne();
		JsonNode view = this.json.readTree(this.api.get("/checkouts/" + checkoutId).body());
		assertThat(view.get("userId").asString()).isEqualTo("u");
		// the identical repeat was skipped: only the conflict was dead-lettered for this
		// id
		assertThat(deadLetterCount("conflict")).isEqualTo(conflictsBefore + 2);
	}

	@Test
	void answers409ForAnIdempotencyKeyReusedWithADifferentBodyAndTheCheckoutForTheSameBody() throws Exception {
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("checkout-events"),
				partitions(CheckoutEvent.TOPIC));
		String key = "key-" + UUID.randomUUID();
		String checkoutId = CheckoutIds.forRequest(key);
		String body = "{\"userId\": \"u-1\", \"items\": [{\"itemId\": \"a\", \"quantity\": 2}, {\"itemId\": \"b\", \"quantity\": 1}]}";
		assertThat(post(body, Map.of("Idempotency-Key", key)).statusCode()).isEqualTo(202);
		Snapshot before = snapshot();

		String reordered = "{\"userId\": \"u-1\", \"items\": [{\"itemId\": \"b\", \"quantity\": 1}, {\"itemId\": \"a\", \"quantity\": 2}]}";
		HttpResponse<String> same = post(reordered, Map.of("Idempotency-Key", key));
		assertThat(same.statusCode()).isIn(200, 202);
		assertThat(this.json.readTree(same.body()).get("checkoutId").asString()).isEqualTo(checkoutId);
		for (String other : List.of(
				"{\"userId\": \"u-2\", \"items\": [{\"itemId\": \"a\", \"quantity\": 2}, {\"itemId\": \"b\", \"quantity\": 1}]}",
				"{\"userId\": \"u-1\", \"items\": [{\"itemId\": \"a\", \"quantity\": 3}, {\"itemId\": \"b\", \"quantity\": 1}]}",
				"{\"userId\": \"u-1\", \"items\": [{\"itemId\": \"a\", \"quantity\": 2}]}")) {
			JsonNode problem = problem(post(other, Map.of("Idempotency-Key", key)), 409,
					"Idempotency key reused with a different body");
			assertThat(problem.get("type").asString())
				.isEqualTo("tag:checkoutsaga.org,2026:problems/idempotency-key-reused");
			assertThat(problem.get("checkoutId").asString()).isEqualTo(checkoutId);
			assertThat(problem.get("requestId").asString()).isEqualTo(key);
		}
		assertUnchanged(before);
	}

	@Test
	void answers409ToTheLoserWhenTwoBodiesRaceForOneKeyBeforeEitherIsStored() throws Exception {
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("checkout-events"),
				partitions(CheckoutEvent.TOPIC));
		for (int round = 0; round < 5; round++) {
			String key = "race-" + UUID.randomUUID();
			List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
			for (String user : List.of("u-a", "u-b")) {
				answers.add(CompletableFuture.supplyAsync(
						() -> post("{\"userId\": \"" + user + "\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}]}",
								Map.of("Idempotency-Key", key))));
			}
			List<Integer> statuses = answers.stream()
				.map(CompletableFuture::join)
				.map(HttpResponse::statusCode)
				.toList();
			assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(202, 409);
			assertThat(sagaCount(CheckoutIds.forRequest(key))).isOne();
			String winner = (statuses.get(0) == 202) ? "u-a" : "u-b";
			JsonNode view = this.json.readTree(this.api.get("/checkouts/" + CheckoutIds.forRequest(key)).body());
			assertThat(view.get("userId").asString()).isEqualTo(winner);
		}
	}

	@Test
	void namesAnUnknownFieldInsteadOfIgnoringIt() throws Exception {
		Snapshot before = snapshot();
		HttpResponse<String> typo = post("{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantitiy\": 1}]}",
				Map.of());
		HttpResponse<String> extra = post(
				"{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}], \"coupon\": \"FREE\"}",
				Map.of());
		assertThat(errors(problem(typo, 400, "Malformed request body")))
			.containsExactly("items[0].quantitiy: is not a known field (known: itemId, quantity)");
		assertThat(errors(problem(extra, 400, "Malformed request body"))).singleElement()
			.asString()
			.startsWith("coupon: is not a known field");
		assertUnchanged(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "1001", "2147483648", "99999999999999999999", "1e20", "1.5", "1.0", "\"1\"",
			"null", "true", "[1]", "{}" })
	void rejectsAQuantityThatIsNotAWholeNumberInRangeNamingIt(String quantity) throws Exception {
		Snapshot before = snapshot();
		HttpResponse<String> response = post(
				"{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": " + quantity + "}]}", Map.of());
		JsonNode problem = problem(response, 400, null);
		assertThat(errors(problem)).as("quantity " + quantity)
			.singleElement()
			.asString()
			.startsWith("items[0].quantity: ");
		assertUnchanged(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"userId\": 5, \"items\": [{\"itemId\": \"a\", \"quantity\": 1}]}",
			"{\"userId\": \"u\", \"items\": [{\"itemId\": true, \"quantity\": 1}]}",
			"{\"userId\": \"u\", \"items\": {\"itemId\": \"a\", \"quantity\": 1}}",
			"{\"userId\": \"u\", \"items\": [\"a\"]}", "{\"userId\": \"u\", \"userId\": \"v\", \"items\": []}",
			"[{\"userId\": \"u\"}]", "\"u\"", "null", "{\"userId\": \"u\", \"items\": []} {}" })
	void rejectsValuesOfTheWrongJsonTypeAsMalformed(String body) throws Exception {
		Snapshot before = snapshot();
		JsonNode problem = problem(post(body, Map.of()), 400, null);
		assertThat(problem.get("errors")).as(body).isNotEmpty();
		assertUnchanged(before);
	}

	@Test
	void namesANullLineInsteadOfFailing() throws Exception {
		Snapshot before = snapshot();
		HttpResponse<String> response = post(
				"{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}, null]}", Map.of());
		assertThat(errors(problem(response, 400, "Invalid checkout"))).containsExactly("items[1]: must not be null");
		assertUnchanged(before);
	}

	@Test
	void refusesABodyThatIsNotUtf8EvenWhereJacksonWouldReadAKnownName() throws Exception {
		// "items" is in the parser's symbol table after this
		post("{\"userId\": \"u\", \"items\": []}", Map.of());
		Snapshot before = snapshot();
		byte[] body = HexFormat.of()
			.parseHex("7b22757365724964223a202275222c20226974656dff73223a205b7b226974656d4964223a2022"
					+ "61222c20227175616e74697479223a20317d5d7d"); // {"userId": "u",
																	// "item\xFFs": [...]}
		HttpResponse<String> response = this.api.post("/checkouts", "application/json", body, false,
				Map.of("Idempotency-Key", "not-utf8-" + UUID.randomUUID()));
		assertThat(errors(problem(response, 400, "Malformed request body"))).singleElement()
			.asString()
			.startsWith("body: is not text in its charset");
		assertUnchanged(before);
	}

	@Test
	void rejectsIdsThatAreBlankTooLongOrHoldControlCharactersAndTooManyItems() throws Exception {
		Snapshot before = snapshot();
		StringBuilder items = new StringBuilder();
		for (int i = 0; i <= 50; i++) {
			items.append(i > 0 ? "," : "").append("{\"itemId\": \"i-").append(i).append("\", \"quantity\": 1}");
		}
		assertThat(errors(
				problem(post("{\"userId\": \"u\", \"items\": [" + items + "]}", Map.of()), 400, "Invalid checkout")))
			.containsExactly("items: must contain at most 50 items");
		String body = "{\"userId\": \"u\\u0000\", \"items\": [{\"itemId\": \"%s\", \"quantity\": 1}]}"
			.formatted("x".repeat(201));
		assertThat(errors(problem(post(body, Map.of("Idempotency-Key", "\t")), 400, "Invalid checkout")))
			.containsExactlyInAnyOrder("requestId: must not be blank", "userId: must not contain control characters",
					"items[0].itemId: must be at most 200 characters");
		assertUnchanged(before);
	}

	@Test
	void refusesABodyOverTheLimitBeforeReadingItDeclaredOrChunked() throws Exception {
		Snapshot before = snapshot();
		byte[] big = ("{\"userId\": \"u\", \"items\": [], \"pad\": \"" + "x".repeat(64 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		for (boolean chunked : List.of(false, true)) {
			HttpResponse<String> response = this.api.post("/checkouts", "application/json", big, chunked, Map.of());
			JsonNode problem = problem(response, 413, "Request body too large");
			assertThat(problem.get("maxBodyBytes").asLong()).isEqualTo(64 * 1024);
		}
		assertUnchanged(before);
	}

	@Test
	void acceptsTheLargestValidCheckoutWithinTheBodyLimit() throws Exception {
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("checkout-events"),
				partitions(CheckoutEvent.TOPIC));
		// 50 items, every id 200 characters of 3 bytes each in UTF-8
		String prefix = UUID.randomUUID().toString().substring(0, 8);
		StringBuilder items = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			String itemId = prefix + String.format("%03d", i) + "\u20ac".repeat(189);
			items.append(i > 0 ? ", " : "").append("{\"itemId\": \"" + itemId + "\", \"quantity\": 1000}");
		}
		String body = "{\"experimentId\": \"%s\", \"userId\": \"%s\", \"items\": [%s]}".formatted("\u20ac".repeat(200),
				"\u20ac".repeat(200), items);
		HttpResponse<String> response = this.api.post("/checkouts", "application/json",
				body.getBytes(StandardCharsets.UTF_8), true, Map.of());
		assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(30_000);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/xml", "application/x-www-form-urlencoded", "" })
	void rejectsAnotherContentTypeWith415(String contentType) throws Exception {
		Snapshot before = snapshot();
		HttpResponse<String> response = this.api.post("/checkouts", contentType.isEmpty() ? null : contentType,
				"{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}]}"
					.getBytes(StandardCharsets.UTF_8),
				false, Map.of());
		problem(response, 415, "Unsupported Media Type");
		assertUnchanged(before);
	}

	@Test
	void rejectsAMissingBodyWith400() throws Exception {
		Snapshot before = snapshot();
		HttpResponse<String> response = this.api.post("/checkouts", "application/json", new byte[0], false, Map.of());
		assertThat(errors(problem(response, 400, "Malformed request body")))
			.containsExactly("body: is missing or unreadable");
		assertUnchanged(before);
	}

	@Test
	void rejectsOtherMethodsWith405() throws Exception {
		Snapshot before = snapshot();
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
		for (HttpRequest.Builder request : List.of(
				HttpRequest.newBuilder(this.api.uri("/checkouts")).PUT(body).header("Content-Type", "application/json"),
				HttpRequest.newBuilder(this.api.uri("/checkouts")).DELETE(),
				HttpRequest.newBuilder(this.api.uri("/checkouts/" + UUID.randomUUID()))
					.POST(body)
					.header("Content-Type", "application/json"))) {
			problem(this.api.send(request), 405, "Method Not Allowed");
		}
		assertUnchanged(before);
	}

	@Test
	void answersAMalformedFormBodyWithAProblemNotA500() throws Exception {
		Snapshot before = snapshot();
		byte[] form = "userId=%zz&items=1".getBytes(StandardCharsets.UTF_8);
		problem(this.api.send("PUT", "/checkouts", "application/x-www-form-urlencoded", form, false, Map.of()), 405,
				"Method Not Allowed");
		problem(this.api.send("POST", "/checkouts", "application/x-www-form-urlencoded", form, false, Map.of()), 415,
				"Unsupported Media Type");
		assertUnchanged(before);
	}

	@Test
	void refusesAnAcceptHeaderItCannotAnswerBeforeSubmittingAnything() throws Exception {
		Snapshot before = snapshot();
		HttpResponse<String> response = post("{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}]}",
				Map.of("Accept", "text/html", "Idempotency-Key", "accept-" + UUID.randomUUID()));
		assertThat(response.statusCode()).isEqualTo(406);
		assertUnchanged(before);
	}

	/** A 4xx problem with the status and, unless null, the title; returns it read. */
	private JsonNode problem(HttpResponse<String> response, int status, String title) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as("Content-Type")
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		if (title != null) {
			assertThat(problem.get("title").asString()).isEqualTo(title);
		}
		else {
			assertThat(problem.get("title").asString()).isNotBlank();
		}
		return problem;
	}

	private static List<String> errors(JsonNode problem) {
		List<String> errors = new ArrayList<>();
		problem.path("errors")
			.forEach((error) -> errors.add(error.get("field").asString() + ": " + error.get("message").asString()));
		return errors;
	}

	/** What a rejected request must not change: records published, sagas stored. */
	record Snapshot(long published, long sagas) {
	}

	private Snapshot snapshot() throws Exception {
		return new Snapshot(endOffsets(CheckoutEvent.TOPIC), sagaCount());
	}

	private void assertUnchanged(Snapshot before) throws Exception {
		assertThat(snapshot()).as("nothing published, no saga stored").isEqualTo(before);
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static String validEvent(String requestId, String userId, String itemId, int quantity) {
		return """
				{"requestId": "%s", "message": {"userId": "%s", "items": [{"itemId": "%s", "quantity": %d}]}}"""
			.formatted(requestId, userId, itemId, quantity);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Sends records with one key, in one go, so that they are likely in one batch. */
	private RecordMetadata send(String key, String... values) throws Exception {
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		for (String value : values) {
			sent.add(this.producer.send(new ProducerRecord<>(CheckoutEvent.TOPIC, bytes(key), bytes(value))));
		}
		RecordMetadata first = null;
		for (Future<RecordMetadata> one : sent) {
			RecordMetadata metadata = one.get();
			first = (first != null) ? first : metadata;
		}
		return first;
	}

	private RecordMetadata send(byte[] key, byte[] value) throws Exception {
		return this.producer.send(new ProducerRecord<>(CheckoutEvent.TOPIC, key, value)).get();
	}

	private static String coordinates(RecordMetadata metadata) {
		return metadata.partition() + "@" + metadata.offset();
	}

	/** The dead letters of some records, by their original partition and offset. */
	private Map<String, ConsumerRecord<byte[], byte[]>> deadLettersAt(RecordMetadata... originals) {
		Set<String> wanted = new HashSet<>();
		for (RecordMetadata original : originals) {
			wanted.add(coordinates(original));
		}
		return deadLetters(
				(letter) -> header(letter, "dlt-original-partition") + "@" + header(letter, "dlt-original-offset"),
				wanted);
	}

	/** The dead letters with some keys, by key. */
	private Map<String, ConsumerRecord<byte[], byte[]>> deadLetters(String... keys) {
		return deadLetters((letter) -> (letter.key() != null) ? new String(letter.key(), StandardCharsets.UTF_8) : "",
				Set.of(keys));
	}

	private Map<String, ConsumerRecord<byte[], byte[]>> deadLetters(Function<ConsumerRecord<byte[], byte[]>, String> id,
			Set<String> wanted) {
		Map<String, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString(), "group.id", "test-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(DeadLetters.TOPIC));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((letter) -> {
					if (wanted.contains(id.apply(letter))) {
						found.put(id.apply(letter), letter);
					}
				});
				return found.keySet().containsAll(wanted);
			});
		}
		return found;
	}

	private double deadLetterCount(String reason) {
		return this.meters.get("checkout.dead.letters").tag("reason", reason).counter().count();
	}

	private int partitions(String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
		}
	}

	private long endOffsets(String topic) throws Exception {
		int partitions = partitions(topic);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
			for (int p = 0; p < partitions; p++) {
				request.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
			return admin.listOffsets(request).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
	}

	private long sagaCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance", Long.class);
	}

	private long sagaCount(String checkoutId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance WHERE saga_id = ?", Long.class, checkoutId);
	}

	private HttpResponse<String> post(String body, Map<String, String> headers) {
		return post(body, headers, "");
	}

	private HttpResponse<String> post(String body, Map<String, String> headers, String query) {
		return this.api.postJson("/checkouts" + query, body, headers);
	}

	private HttpResponse<String> get(String uri) {
		return this.api.send(HttpRequest.newBuilder(URI.create(uri)).GET());
	}

}
