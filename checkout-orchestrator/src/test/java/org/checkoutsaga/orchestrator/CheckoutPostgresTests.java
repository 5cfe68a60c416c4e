package org.checkoutsaga.orchestrator;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.engine.StoredSaga;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.support.testing.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator on a real PostgreSQL, started with its {@code postgres} profile as
 * configured for production (only the server's address comes from the test), with a real
 * Kafka broker and stand-in participants: the saga history written through the group
 * committer and read back by recovery's queries, and checkouts run, shown and listed over
 * HTTP.
 */
@EmbeddedKafka(partitions = 2)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@ActiveProfiles("postgres")
class CheckoutPostgresTests {

	/** A partition no instance owns: the engine leaves its sagas alone. */
	private static final int FOREIGN_PARTITION = 1000;

	private static final TestPostgres postgres = TestPostgres.shared();

	private static final FlakyParticipants participants = FlakyParticipants.started();

	@DynamicPropertySource
	static void postgresAndParticipants(DynamicPropertyRegistry registry) {
		registry.add("POSTGRES_HOST", postgres::host);
		registry.add("POSTGRES_PORT", postgres::port);
		registry.add("checkout.stock-url", participants::url);
		registry.add("checkout.receipt-url", participants::url);
	}

	@LocalServerPort
	int port;

	private OrchestratorHttp api;

	@BeforeEach
	void connect() {
		this.api = new OrchestratorHttp(this.port);
	}

	@Autowired
	HistoryStore history;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@AfterAll
	static void stopParticipants() {
		participants.close();
	}

	@BeforeEach
	void healthyAndListening() throws Exception {
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
	void runsOnItsOwnDatabaseMigratedToTheLatestVersion() {
		assertThat(this.jdbc.sql("SELECT current_database() || ' ' || current_user").query(String.class).single())
			.isEqualTo("checkout_orchestrator saga");
		assertThat(this.jdbc
			.sql("SELECT version || ' ' || success FROM flyway_schema_history WHERE version IS NOT NULL"
					+ " ORDER BY installed_rank")
			.query(String.class)
			.list()).containsExactly("1 true", "2 true");
	}

	@Test
	void aHistoryIsWrittenInOrderAndReadBackByRecoverysQueries() {
		String sagaId = "pg-history-" + UUID.randomUUID();
		this.history.begin(sagaId, FOREIGN_PARTITION, "RUNNING", started(sagaId)).join();
		List<CompletableFuture<Void>> appends = List.of(
				this.history.append(sagaId, 1, new SagaEvent.StockRetracted("apple", 2), null, false),
				this.history.append(sagaId, 2, new SagaEvent.StockRetracted("pear", 1), null, false));
		appends.forEach(CompletableFuture::join);

		StoredSaga<SagaEvent> running = this.history.load(sagaId).orElseThrow();
		assertThat(running.partition()).isEqualTo(FOREIGN_PARTITION);
		assertThat(running.events()).containsExactly(started(sagaId), new SagaEvent.StockRetracted("apple", 2),
				new SagaEvent.StockRetracted("pear", 1));
		assertThat(running.nextSequence()).isEqualTo(3);
		assertThat(sagaIds(this.history.loadUnfinished(List.of(FOREIGN_PARTITION), Set.of()))).contains(sagaId);
		assertThat(sagaIds(this.history.loadUnfinished(List.of(FOREIGN_PARTITION), Set.of(sagaId))))
			.doesNotContain(sagaId);
		assertThat(this.history.existing(List.of(sagaId, "pg-history-never"))).containsExactly(sagaId);

		this.history.append(sagaId, 3, new SagaEvent.ReceiptStored("receipt-1", 2_000L), "COMPLETED", true).join();

		assertThat(sagaIds(this.history.loadUnfinished(List.of(FOREIGN_PARTITION), Set.of()))).doesNotContain(sagaId);
		assertThat(sagaIds(this.history.loadUnpublished(List.of(FOREIGN_PARTITION)))).contains(sagaId);
		assertThat(this.jdbc.sql("SELECT status FROM saga_instance WHERE saga_id = ? AND finished_at IS NOT NULL")
			.param(sagaId)
			.query(String.class)
			.single()).isEqualTo("COMPLETED");
		this.history.markOutcomePublished(sagaId);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !sagaIds(this.history.loadUnpublished(List.of(FOREIGN_PARTITION))).contains(sagaId));
		assertThat(this.history.load(sagaId).orElseThrow().events()).hasSize(4);
	}

	@Test
	void anEventOfASagaBegunElsewhereIsStoredUnderTheNumberItsRowHas() {
		// begun by another instance, or before a restart: its number is not at hand here
		String sagaId = "pg-elsewhere-" + UUID.randomUUID();
		this.jdbc
			.sql("INSERT INTO saga_instance (saga_id, ingress_partition, status, started_at)"
					+ " VALUES (?, ?, 'RUNNING', 1)")
			.params(sagaId, FOREIGN_PARTITION)
			.update();

		this.history.append(sagaId, 1, new SagaEvent.StockRetracted("apple", 1), null, false).join();

		assertThat(this.jdbc
			.sql("SELECT e.seq FROM saga_event e JOIN saga_instance s ON s.saga_no = e.saga_no WHERE s.saga_id = ?")
			.param(sagaId)
			.query(Integer.class)
			.list()).containsExactly(1);
	}

	@Test
	void anEventOfASagaThatHasNoRowIsRefusedAndNothingIsStored() {
		String sagaId = "pg-no-row-" + UUID.randomUUID();

		assertThatThrownBy(
				() -> this.history.append(sagaId, 1, new SagaEvent.StockRetracted("apple", 1), null, false).join())
			.hasRootCauseInstanceOf(IllegalStateException.class)
			.hasRootCauseMessage("An event of a saga that has no row was not stored");
		assertThat(this.history.read(sagaId)).isEmpty();
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM saga_event e WHERE NOT EXISTS"
					+ " (SELECT 1 FROM saga_instance s WHERE s.saga_no = e.saga_no)")
			.query(Long.class)
			.single()).as("events without a saga row").isZero();
	}

	@Test
	void manySagasBegunAtOnceAreAllDurableWhenTheirFuturesComplete() {
		String prefix = "pg-many-" + UUID.randomUUID() + "-";
		List<CompletableFuture<Void>> begun = IntStream.range(0, 500)
			.mapToObj((i) -> this.history.begin(prefix + i, FOREIGN_PARTITION, "RUNNING", started(prefix + i)))
			.toList();
		begun.forEach(CompletableFuture::join);

		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM saga_event e JOIN saga_instance s ON s.saga_no = e.saga_no"
					+ " WHERE s.saga_id LIKE ? AND e.seq = 0")
			.param(prefix + "%")
			.query(Long.class)
			.single()).isEqualTo(500);
		assertThat(this.history.existing(IntStream.range(0, 500).mapToObj((i) -> prefix + i).toList())).hasSize(500);
	}

	@Test
	void aCheckoutRunsToItsReceiptAndIsShownFromItsHistory() {
		HttpResponse<String> answer = this.api.send(HttpRequest.newBuilder(this.api.uri("/checkouts?wait=20s"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"userId\":\"u-1\",\"items\":[{\"itemId\":\"apple\",\"quantity\":2}]}")));

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode checkout = this.json.readTree(answer.body());
		assertThat(checkout.get("status").asString()).isEqualTo("COMPLETED");
		String checkoutId = checkout.get("checkoutId").asString();
		JsonNode shown = this.json.readTree(this.api.get("/checkouts/" + checkoutId).body());
		assertThat(shown.get("receiptId").asString()).isEqualTo("receipt-" + checkoutId);
		assertThat(OrchestratorHttp.eventTypes(shown)).containsExactly("CheckoutStarted", "StockRetracted",
				"ReceiptStored");
		assertThat(this.jdbc.sql("SELECT status FROM saga_instance WHERE saga_id = ? AND finished_at IS NOT NULL")
			.param(checkoutId)
			.query(String.class)
			.single()).isEqualTo("COMPLETED");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT outcome_published FROM saga_instance WHERE saga_id = ?")
				.param(checkoutId)
				.query(Boolean.class)
				.single());
	}

	@Test
	void listsCheckoutsInIdOrderAPageAtATimeAndByStatus() {
		List<String> completed = List.of(submit("fig", "20s"), submit("kiwi", "20s"), submit("lime", "20s"));
		participants.receiptsUp.set(false);
		List<String> running = List.of(submit("plum", null), submit("date", null));

		List<String> listed = new ArrayList<>();
		String query = "/checkouts?limit=2";
		while (query != null) {
			JsonNode page = this.json.readTree(this.api.get(query).body());
			page.get("checkouts").forEach((summary) -> listed.add(summary.get("checkoutId").asString()));
			query = page.get("next").isNull() ? null : "/checkouts?limit=2&after=" + page.get("next").asString();
		}

		assertThat(listed).isSorted()
			.doesNotHaveDuplicates()
			.containsAll(completed)
			.containsAll(running)
			.containsExactlyElementsOf(this.jdbc.sql("SELECT saga_id FROM saga_instance")
				.query(String.class)
				.list()
				.stream()
				.sorted()
				.toList());
		assertThat(listedWithStatus("COMPLETED")).containsAll(completed).doesNotContainAnyElementsOf(running);
		assertThat(listedWithStatus("RUNNING")).containsAll(running).doesNotContainAnyElementsOf(completed);
	}

	@Test
	void theRepairEndpointCountsAndListsStuckSagasAndPurgesOldFinishedOnes() {
		String stuck = "pg-stuck-" + UUID.randomUUID();
		this.history.begin(stuck, FOREIGN_PARTITION, "RUNNING", started(stuck)).join();
		this.jdbc.sql("UPDATE saga_instance SET started_at = started_at - 3600000 WHERE saga_id = ?")
			.param(stuck)
			.update();
		String old = finishedAndPublished("pg-purge-old-" + UUID.randomUUID());
		String recent = finishedAndPublished("pg-purge-recent-" + UUID.randomUUID());
		this.jdbc.sql("UPDATE saga_instance SET finished_at = finished_at - 172800000 WHERE saga_id = ?")
			.param(old)
			.update();

		long oldNumber = this.jdbc.sql("SELECT saga_no FROM saga_instance WHERE saga_id = ?")
			.param(old)
			.query(Long.class)
			.single();

		JsonNode overview = this.json.readTree(this.api.get("/actuator/sagas?stuck=true&limit=1000").body());
		assertThat(overview.get("counts").get("RUNNING").asLong()).isPositive();
		assertThat(overview.get("counts").get("COMPLETED").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(overview.get("oldestUnfinishedAgeMs").asLong()).isGreaterThanOrEqualTo(3_600_000);
		List<String> listedStuck = new ArrayList<>();
		overview.get("stuck")
			.get("checkouts")
			.forEach((summary) -> listedStuck.add(summary.get("checkoutId").asString()));
		assertThat(listedStuck).contains(stuck).doesNotContain(old, recent);
		assertThat(this.api.get("/actuator/prometheus").body()).contains("checkout_sagas_unfinished{")
			.contains("checkout_sagas_stuck");

		HttpResponse<String> purge = this.api
			.send(HttpRequest.newBuilder(this.api.uri("/actuator/sagas?olderThan=1d")).DELETE());

		assertThat(purge.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(purge.body()).get("purged").asInt()).isPositive();
		assertThat(this.history.existing(List.of(old, recent, stuck))).containsExactlyInAnyOrder(recent, stuck);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM saga_event WHERE saga_no = ?")
			.param(oldNumber)
			.query(Long.class)
			.single()).isZero();
	}

	/** A saga on the foreign partition, completed and its outcome published. */
	private String finishedAndPublished(String sagaId) {
		this.history.begin(sagaId, FOREIGN_PARTITION, "RUNNING", started(sagaId)).join();
		this.history.append(sagaId, 1, new SagaEvent.StockRetracted("apple", 2), null, false).join();
		this.history.append(sagaId, 2, new SagaEvent.StockRetracted("pear", 1), null, false).join();
		this.history.append(sagaId, 3, new SagaEvent.ReceiptStored("receipt-" + sagaId, 2_000L), "COMPLETED", true)
			.join();
		this.history.markOutcomePublished(sagaId);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT outcome_published FROM saga_instance WHERE saga_id = ?")
				.param(sagaId)
				.query(Boolean.class)
				.single());
		return sagaId;
	}

	private List<String> listedWithStatus(String status) {
		JsonNode page = this.json.readTree(this.api.get("/checkouts?limit=1000&status=" + status).body());
		List<String> ids = new ArrayList<>();
		page.get("checkouts").forEach((summary) -> {
			assertThat(summary.get("status").asString()).isEqualTo(status);
			ids.add(summary.get("checkoutId").asString());
		});
		return ids;
	}

	/** Submits a checkout of one unit, waiting for its outcome if {@code wait} is set. */
	private String submit(String item, String wait) {
		HttpResponse<String> response = this.api
			.send(HttpRequest.newBuilder(this.api.uri("/checkouts" + ((wait != null) ? "?wait=" + wait : "")))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"userId\":\"u-1\",\"items\":[{\"itemId\":\"" + item + "\",\"quantity\":1}]}")));
		assertThat(response.statusCode()).isEqualTo((wait != null) ? 200 : 202);
		return this.json.readTree(response.body()).get("checkoutId").asString();
	}

	private static SagaEvent.CheckoutStarted started(String sagaId) {
		return new SagaEvent.CheckoutStarted(sagaId, "request-" + sagaId, "exp", "u-1",
				List.of(new CheckoutItem("apple", 2), new CheckoutItem("pear", 1)), 1_000L, SagaEvent.Source.REST, 0);
	}

	private static List<String> sagaIds(List<StoredSaga<SagaEvent>> sagas) {
		return sagas.stream().map(StoredSaga::sagaId).toList();
	}

}
