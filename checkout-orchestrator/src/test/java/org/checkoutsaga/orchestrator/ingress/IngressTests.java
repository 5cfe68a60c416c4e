package org.checkoutsaga.orchestrator.ingress;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

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
	KafkaTemplate<String, String> kafka;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	JsonMapper json;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	private OrchestratorHttp api;

	@BeforeEach
	void connect() {
		this.api = new OrchestratorHttp(this.port);
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
		String good = UUID.randomUUID().toString();
		this.kafka.send(CheckoutEvent.TOPIC, "k1", "{not json").get();
		this.kafka.send(CheckoutEvent.TOPIC, "k2", """
				{"requestId": "bad-1", "message": {"userId": "u", "items": [{"itemId": "a", "quantity": -1}]}}""")
			.get();
		this.kafka.send(CheckoutEvent.TOPIC, good, """
				{"requestId": "%s", "experimentId": "e", "clientTimestamp": 1,
				 "message": {"userId": "u", "items": [{"itemId": "a", "quantity": 1}]}}""".formatted(good)).get();
		List<ConsumerRecord<String, String>> letters = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of(DeadLetters.TOPIC));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
				return letters.size() >= 2;
			});
		}
		assertThat(letters).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k1", "k2");
		assertThat(header(letters, "k1", "dlt-reason")).startsWith("malformed checkout event");
		assertThat(header(letters, "k2", "dlt-reason")).contains("items[0].quantity");
		assertThat(header(letters, "k2", "dlt-original-topic")).isEqualTo(CheckoutEvent.TOPIC);
		assertThat(header(letters, "k2", "dlt-original-offset")).isNotBlank();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance WHERE saga_id = ?", Long.class,
					good) == 1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance WHERE saga_id = ?", Long.class,
				CheckoutIds.forRequest("bad-1")))
			.isZero();
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

	private static String header(List<ConsumerRecord<String, String>> records, String key, String name) {
		ConsumerRecord<String, String> record = records.stream()
			.filter((r) -> key.equals(r.key()))
			.findFirst()
			.orElseThrow();
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private KafkaConsumer<String, String> consumer() {
		return new KafkaConsumer<>(Map.of("bootstrap.servers", this.broker.getBrokersAsString(), "group.id",
				"test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
				new StringDeserializer());
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
