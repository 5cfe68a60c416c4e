package org.checkoutsaga.orchestrator;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.checkoutsaga.support.testing.TestApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.StockCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator with a real Kafka broker and H2 file, against participants that can be
 * switched to 503: a checkout whose steps keep failing ends REJECTED with reason TIMEOUT
 * after compensating everything that may have happened; a compensation that keeps failing
 * shows COMPENSATION_FAILED, is listed as such, and ends once an operator retries after
 * the outage.
 */
@EmbeddedKafka(partitions = 2)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.datasource.url=jdbc:h2:file:./target/test-db/deadline-${random.uuid};WRITE_DELAY=0",
				"checkout.deadline=2s", "checkout.stuck-after=1ms", "checkout.compensation-deadline=2s",
				"checkout.deadline-check-interval=100ms", "checkout.calls.saga-retry-initial=50ms",
				"checkout.calls.saga-retry-max=200ms", "checkout.calls.timeout=1s",
				"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=200ms" })
class SagaDeadlineTests {

	private static final FlakyParticipants participants = FlakyParticipants.started();

	@LocalServerPort
	int port;

	private OrchestratorHttp api;

	@BeforeEach
	void connect() {
		this.api = new OrchestratorHttp(this.port);
	}

	@Autowired
	JsonMapper json;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void participants(DynamicPropertyRegistry registry) {
		registry.add("checkout.stock-url", participants::url);
		registry.add("checkout.receipt-url", participants::url);
	}

	@AfterAll
	static void stopParticipants() {
		participants.close();
	}

	@BeforeEach
	void healthy() throws Exception {
		participants.stockUp.set(true);
		participants.receiptsUp.set(true);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			int partitions = admin.describeTopics(List.of(CheckoutEvent.TOPIC))
				.allTopicNames()
				.get()
				.get(CheckoutEvent.TOPIC)
				.partitions()
				.size();
			ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("checkout-events"), partitions);
		}
	}

	@Test
	void cancelsTheReceiptAndRestoresTheStockWhenTheReceiptKeepsFailingUntilTheDeadline() {
		participants.receiptsUp.set(false);
		String checkoutId = submit("apple", "pear");

		JsonNode checkout = awaitStatus(checkoutId, "REJECTED");
		assertThat(checkout.get("reason").asString()).isEqualTo("TIMEOUT");
		assertThat(participants.receiptCalls).contains("STORE " + checkoutId + " (503)", "DELETE " + checkoutId);
		assertThat(operations(checkoutId, StockCommand.Restore.class))
			.as("every retraction is restored with its own operation id")
			.containsExactlyInAnyOrderElementsOf(operations(checkoutId, StockCommand.Retract.class));
		assertThat(OrchestratorHttp.eventTypes(checkout)).contains("DeadlinePassed", "ReceiptCancelled")
			.doesNotContain("ReceiptStored");
		assertThat(participants.authorizations).as("every call carries the orchestrator's own key")
			.containsOnly(TestApiKeys.bearer(TestApiKeys.SERVICE));
	}

	@Test
	void showsCompensationFailedWhileTheStockServiceIsDownAndEndsOnceAnOperatorRetries() {
		participants.stockUp.set(false);
		String checkoutId = submit("plum");

		JsonNode failed = awaitStatus(checkoutId, "COMPENSATION_FAILED");
		assertThat(failed.get("reason").asString()).isEqualTo("TIMEOUT");
		assertThat(failed.get("items").get(0).get("status").asString())
			.as("the retraction never answered: it may have happened")
			.isEqualTo("UNKNOWN");
		JsonNode listed = this.json.readTree(this.api.get("/checkouts?status=COMPENSATION_FAILED&limit=1000").body());
		List<String> ids = new ArrayList<>();
		listed.get("checkouts").forEach((summary) -> ids.add(summary.get("checkoutId").asString()));
		assertThat(ids).contains(checkoutId);

		// The operator retries while the stock service is still down, so the saga's own
		// backoff cannot finish the compensation before the retry is recorded.
		assertThat(act(checkoutId, "retry").statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> OrchestratorHttp
				.eventTypes(this.json.readTree(this.api.get("/checkouts/" + checkoutId).body()))
				.contains("CompensationRetried"));
		participants.stockUp.set(true);

		JsonNode rejected = awaitStatus(checkoutId, "REJECTED");
		assertThat(rejected.get("reason").asString()).isEqualTo("TIMEOUT");
		assertThat(OrchestratorHttp.eventTypes(rejected)).containsSubsequence("DeadlinePassed", "CompensationFailed",
				"CompensationRetried", "StockRestored");
		assertThat(operations(checkoutId, StockCommand.Restore.class)).containsExactly(checkoutId + "/plum");

		HttpResponse<String> again = act(checkoutId, "retry");
		assertThat(again.statusCode()).as("nothing to retry once it has ended").isEqualTo(409);
		assertThat(this.json.readTree(again.body()).get("title").asString()).isEqualTo("Checkout has ended");
	}

	@Test
	void answersAnActionOnAnUnknownCheckoutWith404AndAnUnknownActionWith400() {
		assertThat(act("nope", "retry").statusCode()).isEqualTo(404);
		String checkoutId = submit("lime");
		assertThat(act(checkoutId, "explode").statusCode()).isEqualTo(400);
	}

	@Test
	void terminatesARunningCheckoutByCompensatingItAndRecordsWhy() {
		participants.receiptsUp.set(false);
		String checkoutId = submit("grape", "melon");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> participants.receiptCalls.contains("STORE " + checkoutId + " (503)"));

		assertThat(act(checkoutId, "terminate").statusCode()).isEqualTo(202);
		JsonNode rejected = awaitStatus(checkoutId, "REJECTED");
		assertThat(rejected.get("reason").asString()).isEqualTo("TERMINATED");
		assertThat(OrchestratorHttp.eventTypes(rejected)).contains("TerminationRequested", "ReceiptCancelled");
		assertThat(operations(checkoutId, StockCommand.Restore.class)).hasSize(2);
		assertThat(act(checkoutId, "terminate").statusCode()).as("safe to repeat: it has ended").isEqualTo(409);
	}

	@Test
	void overviewCountsByStatusAndListsStuckCheckouts() {
		participants.stockUp.set(false);
		String checkoutId = submit("quince");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.json.readTree(this.api.get("/actuator/sagas?stuck=true&limit=1000").body())
				.get("stuck")
				.get("checkouts")
				.toString()
				.contains(checkoutId));
		JsonNode overview = this.json.readTree(this.api.get("/actuator/sagas").body());
		assertThat(overview.get("counts").get("RUNNING").asLong()).isPositive();
		assertThat(overview.get("oldestUnfinishedAgeMs").asLong()).isPositive();
		assertThat(this.api.get("/actuator/sagas?limit=0").statusCode()).isEqualTo(400);
		assertThat(this.api.get("/actuator/sagas/" + checkoutId).statusCode()).isEqualTo(200);
	}

	@Test
	void purgesFinishedCheckoutsOlderThanAskedAndKeepsUnfinishedOnes() {
		String finished = submit("date");
		awaitStatus(finished, "COMPLETED");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("SELECT outcome_published FROM saga_instance WHERE saga_id = ?",
					Boolean.class, finished));
		long finishedNumber = this.jdbc.queryForObject("SELECT saga_no FROM saga_instance WHERE saga_id = ?",
				Long.class, finished);
		participants.stockUp.set(false);
		String running = submit("olive");

		HttpResponse<String> purged = this.api
			.send(HttpRequest.newBuilder(this.api.uri("/actuator/sagas?olderThan=0s")).DELETE());
		assertThat(purged.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(purged.body()).get("purged").asInt()).isPositive();
		assertThat(this.api.get("/checkouts/" + finished).statusCode()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_event WHERE saga_no = ?", Integer.class,
				finishedNumber))
			.isZero();
		assertThat(this.api.get("/checkouts/" + running).statusCode()).isEqualTo(200);
		assertThat(this.api.send(HttpRequest.newBuilder(this.api.uri("/actuator/sagas?olderThan=soon")).DELETE())
			.statusCode()).isEqualTo(400);
	}

	@Test
	void listsCheckoutsAPageAtATimeAndRejectsABadLimit() {
		submit("fig");
		submit("kiwi");
		JsonNode first = this.json.readTree(this.api.get("/checkouts?limit=1").body());
		assertThat(first.get("checkouts")).hasSize(1);
		String next = first.get("next").asString();
		JsonNode second = this.json.readTree(this.api.get("/checkouts?limit=1&after=" + next).body());
		assertThat(second.get("checkouts").get(0).get("checkoutId").asString()).isGreaterThan(next);

		HttpResponse<String> bad = this.api.get("/checkouts?limit=0&status=LOST");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("\"field\":\"limit\"", "\"field\":\"status\"");
	}

	private String submit(String... items) {
		StringBuilder lines = new StringBuilder();
		for (String item : items) {
			lines.append((lines.length() > 0) ? "," : "")
				.append("{\"itemId\":\"")
				.append(item)
				.append("\",\"quantity\":1}");
		}
		String key = UUID.randomUUID().toString();
		HttpResponse<String> response = this.api.send(HttpRequest.newBuilder(this.api.uri("/checkouts"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u-1\",\"items\":[" + lines + "]}")));
		assertThat(response.statusCode()).isEqualTo(202);
		return this.json.readTree(response.body()).get("checkoutId").asString();
	}

	@Test
	void exposesStepTimingsSagaGaugesAndAReadinessThatIncludesTheDatabaseAndKafka() {
		String checkoutId = submit("pomelo");
		awaitStatus(checkoutId, "COMPLETED");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String scrape = this.api.get("/actuator/prometheus").body();
			assertThat(scrape).contains("checkout_started_total{", "source=\"REST\"")
				.contains("checkout_step_seconds_count{", "step=\"retract\"", "step=\"store-receipt\"")
				.contains("checkout_sagas_unfinished{", "checkout_sagas_stuck", "checkout_sagas_oldest_age_seconds")
				.contains("http_client_requests_seconds_count{", "uri=\"/stock/operations\"", "uri=\"/receipts\"")
				.contains("service=\"checkout-orchestrator\"")
				.contains("http_server_requests_seconds_count{", "uri=\"/checkouts\"")
				.as("Spring Security's per-filter observations are off (a share of every request's CPU)")
				.doesNotContain("spring_security_");
		});
		JsonNode readiness = this.json.readTree(this.api.get("/actuator/health/readiness").body());
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").get("db").get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").has("circuitBreakers")).isTrue();
	}

	@Test
	void timesTheIngressStockReceiptAndOutcomeStagesOfACompletedCheckout() {
		List<String> stages = List.of("ingress", "stock", "receipt", "outcome");
		Map<String, Double> before = new HashMap<>();
		stages.forEach((stage) -> before.put(stage, stageCount(stage)));

		String checkoutId = submit("kumquat", "lime");
		awaitStatus(checkoutId, "COMPLETED");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stages).allSatisfy(
					(stage) -> assertThat(stageCount(stage)).as(stage).isGreaterThanOrEqualTo(before.get(stage) + 1)));
	}

	@Test
	void aCheckoutKeepsTheTraceOfItsRestRequestAcrossKafkaAndTheCallsItMakes() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String key = UUID.randomUUID().toString();
		HttpResponse<String> response = this.api.send(HttpRequest.newBuilder(this.api.uri("/checkouts"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"userId\":\"u-1\",\"items\":[{\"itemId\":\"yuzu\",\"quantity\":1}]}")));
		String checkoutId = this.json.readTree(response.body()).get("checkoutId").asString();
		awaitStatus(checkoutId, "COMPLETED");
		assertThat(participants.receiptTraceParents.get(checkoutId)).as("the receipt call's traceparent")
			.startsWith("00-" + traceId + "-");
	}

	private HttpResponse<String> act(String checkoutId, String action) {
		return this.api.send(HttpRequest.newBuilder(this.api.uri("/actuator/sagas/" + checkoutId))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\",\"reason\":\"test\"}")));
	}

	/** What {@code /actuator/metrics} counts of one stage of {@code checkout.stage}. */
	private double stageCount(String stage) {
		HttpResponse<String> meter = this.api.get("/actuator/metrics/checkout.stage?tag=stage:" + stage);
		assertThat(meter.statusCode()).as("checkout.stage is exposed").isEqualTo(200);
		for (JsonNode measurement : this.json.readTree(meter.body()).path("measurements")) {
			if ("COUNT".equals(measurement.path("statistic").asString())) {
				return measurement.path("value").asDouble();
			}
		}
		throw new AssertionError("No COUNT in " + meter.body());
	}

	private JsonNode awaitStatus(String checkoutId, String status) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.json.readTree(this.api.get("/checkouts/" + checkoutId).body()),
					(checkout) -> status.equals(checkout.path("status").asString()));
	}

	private static List<String> operations(String checkoutId, Class<? extends StockCommand> kind) {
		return participants.stockCommands.stream()
			.filter(kind::isInstance)
			.map(StockCommand::operationId)
			.filter((id) -> id.startsWith(checkoutId + "/"))
			.distinct()
			.toList();
	}

}
