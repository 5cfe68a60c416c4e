package org.checkoutsaga.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.checkoutsaga.events.CheckoutMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole suite as a user runs it: a real Kafka broker, the three services in their own
 * Spring contexts with H2 files, real HTTP between them. Checkouts go in through Kafka
 * and REST; the test checks what users rely on: every checkout ends exactly once, stock
 * is conserved ({@code initial = current + completed quantities}), one receipt per
 * completed checkout and none for rejected ones, also across a restart of the
 * orchestrator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutSuiteEndToEndTests {

	private static final Duration DEADLINE = Duration.ofMinutes(3);

	private static final List<String> CATALOG = SuiteClient.items("item-", 100);

	@TempDir
	static Path dataDir;

	private LocalSuite suite;

	private SuiteClient client;

	/**
	 * Completed checkouts of all tests so far: the receipt service must hold exactly that
	 * many.
	 */
	private long completedTotal;

	@BeforeAll
	void startSuite() {
		this.suite = new LocalSuite(LocalSuite.Settings.randomPorts(dataDir).withSeed(100, 10_000)).start();
		this.client = new SuiteClient(this.suite, 42);
	}

	@AfterAll
	void stopSuite() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.suite != null) {
			this.suite.close();
		}
	}

	@Test
	void completesCheckoutsFromKafkaAndRestAndConservesStock() {
		Map<String, Long> before = this.client.stock(CATALOG);
		Map<String, CheckoutMessage> submitted = new HashMap<>();
		List<CompletableFuture<String>> posted = new ArrayList<>();
		List<CheckoutMessage> postedMessages = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < 600; i++) {
			CheckoutMessage message = this.client.randomCheckout(CATALOG);
			if (i % 2 == 0) {
				submitted.put(this.client.publish(message), message);
			}
			else {
				posted.add(this.client.post(message));
				postedMessages.add(message);
			}
		}
		this.client.flush();
		for (int i = 0; i < posted.size(); i++) {
			submitted.put(posted.get(i).join(), postedMessages.get(i));
		}
		Map<String, JsonNode> outcomes = this.client.awaitOutcomes(submitted.keySet(), DEADLINE);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("e2e: %d checkouts (Kafka + REST) ended in %.2f s: %.0f checkouts/s%n", submitted.size(),
				seconds, submitted.size() / seconds);

		assertThat(outcomes.values()).allSatisfy((outcome) -> {
			assertThat(outcome.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(outcome.get("completedAt").asLong())
				.isGreaterThanOrEqualTo(outcome.get("clientTimestamp").asLong());
		});
		assertInvariants(before, submitted, outcomes);
	}

	@Test
	void answersWithTheOutcomeWhenAskedToWaitAndNeverStartsTheSameCheckoutTwice() {
		CheckoutMessage message = this.client.randomCheckout(CATALOG);
		Map<String, Long> before = this.client.stock(message.items().stream().map((item) -> item.itemId()).toList());
		String key = "order-" + java.util.UUID.randomUUID();

		SuiteClient.Answer answer = this.client.postAndWait(message, key, "20s");
		assertThat(answer.status()).isEqualTo(200);
		JsonNode checkout = answer.body();
		assertThat(checkout.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(checkout.get("receiptId").asString()).isNotBlank();
		assertThat(checkout.get("timings").get("latencyMs").asLong()).isNotNegative();
		assertThat(checkout.get("history")).extracting((entry) -> entry.get("event").get("type").asString())
			.startsWith("CheckoutStarted")
			.endsWith("ReceiptStored")
			.contains("StockRetracted");
		this.completedTotal++;

		SuiteClient.Answer repeat = this.client.postAndWait(message, key, "1s");
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.body().get("checkoutId").asString()).isEqualTo(checkout.get("checkoutId").asString());
		assertThat(repeat.body().get("receiptId").asString()).isEqualTo(checkout.get("receiptId").asString());
		message.items()
			.forEach((item) -> assertThat(this.client.stock(item.itemId())).as("taken once for " + item.itemId())
				.isEqualTo(before.get(item.itemId()) - item.quantity()));
		assertThat(this.client.receiptCount()).isEqualTo(this.completedTotal);
	}

	@Test
	void compensatesWhenStockIsScarceAndConservesIt() {
		List<String> scarce = SuiteClient.items("scarce-", 5);
		Map<String, Integer> initial = new HashMap<>();
		scarce.forEach((item) -> initial.put(item, 12));
		this.client.setStock(initial);
		Map<String, Long> before = this.client.stock(scarce);
		Map<String, CheckoutMessage> submitted = new HashMap<>();
		for (int i = 0; i < 80; i++) {
			CheckoutMessage message = this.client.randomCheckout(scarce);
			submitted.put(this.client.publish(message), message);
		}
		this.client.flush();
		Map<String, JsonNode> outcomes = this.client.awaitOutcomes(submitted.keySet(), DEADLINE);

		long rejected = outcomes.values().stream().filter((o) -> "REJECTED".equals(o.get("status").asString())).count();
		assertThat(rejected).as("scarce stock rejects some checkouts").isPositive();
		assertThat(outcomes.values()).filteredOn((o) -> "REJECTED".equals(o.get("status").asString()))
			.allSatisfy((o) -> assertThat(o.get("reason").asString()).isEqualTo("OUT_OF_STOCK"));
		assertInvariants(before, submitted, outcomes);
		assertThat(this.client.stock(scarce).values()).allSatisfy((left) -> assertThat(left).isNotNegative());
	}

	@Test
	void finishesEverySagaAfterTheOrchestratorRestartsMidFlight() {
		Map<String, Long> before = this.client.stock(CATALOG);
		Map<String, CheckoutMessage> submitted = new HashMap<>();
		// enough that the suite is still busy with them when the orchestrator stops: 400
		// once all ended first
		for (int i = 0; i < 1200; i++) {
			CheckoutMessage message = this.client.randomCheckout(CATALOG);
			submitted.put(this.client.publish(message), message);
		}
		this.client.flush();
		org.awaitility.Awaitility.await()
			.atMost(DEADLINE)
			.until(() -> this.client.outcomesSeen(submitted.keySet()) >= 10);
		this.suite.stopOrchestrator();
		int endedBeforeRestart = this.client.outcomesSeen(submitted.keySet());
		this.suite.startOrchestrator();

		Map<String, JsonNode> outcomes = this.client.awaitOutcomes(submitted.keySet(), DEADLINE);
		System.out.printf("restart: %d of %d checkouts had ended when the orchestrator stopped%n", endedBeforeRestart,
				submitted.size());
		assertThat(endedBeforeRestart).as("the restart interrupted sagas in flight").isLessThan(submitted.size());
		assertInvariants(before, submitted, outcomes);
	}

	/**
	 * Every checkout ended once and its status says so; stock moved only for completed
	 * checkouts; exactly the completed ones have a receipt.
	 */
	private void assertInvariants(Map<String, Long> before, Map<String, CheckoutMessage> submitted,
			Map<String, JsonNode> outcomes) {
		Map<String, Long> taken = new HashMap<>();
		int completed = 0;
		for (Map.Entry<String, CheckoutMessage> checkout : submitted.entrySet()) {
			JsonNode view = this.client.checkout(checkout.getKey());
			String status = view.get("status").asString();
			assertThat(status).isEqualTo(outcomes.get(checkout.getKey()).get("status").asString());
			if ("COMPLETED".equals(status)) {
				completed++;
				checkout.getValue()
					.items()
					.forEach((item) -> taken.merge(item.itemId(), (long) item.quantity(), Long::sum));
				assertThat(this.client.receiptStatus(checkout.getKey())).as("receipt of " + checkout.getKey())
					.isEqualTo(200);
				assertThat(view.get("receiptId").isNull()).isFalse();
			}
			else {
				assertThat(status).isEqualTo("REJECTED");
				assertThat(this.client.receiptStatus(checkout.getKey())).as("receipt of " + checkout.getKey())
					.isEqualTo(404);
			}
		}
		Map<String, Long> after = this.client.stock(before.keySet());
		before.forEach(
				(item, initial) -> assertThat(initial).as("stock of %s: initial = current + completed quantities", item)
					.isEqualTo(after.get(item) + taken.getOrDefault(item, 0L)));
		this.completedTotal += completed;
		assertThat(this.client.receiptCount()).as("one receipt per completed checkout, no more")
			.isEqualTo(this.completedTotal);
		assertThat(completed).isPositive();
	}

}
