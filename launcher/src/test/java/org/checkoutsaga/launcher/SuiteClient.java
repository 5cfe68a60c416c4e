package org.checkoutsaga.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutMessage;
import org.checkoutsaga.events.CheckoutOutcome;

import static org.awaitility.Awaitility.await;

/**
 * What a user of the running suite does, over its real interfaces: publishes checkout
 * events to Kafka, posts checkouts over REST, reads stock, checkouts and receipts over
 * HTTP, and reads outcomes from {@code checkout-results}.
 */
final class SuiteClient implements AutoCloseable {

	private final LocalSuite suite;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final KafkaProducer<String, String> producer;

	private final KafkaConsumer<String, String> results;

	private final Map<String, JsonNode> outcomes = new HashMap<>();

	private final Random random;

	SuiteClient(LocalSuite suite, long seed) {
		this.suite = suite;
		this.random = new Random(seed);
		this.producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", suite.bootstrapServers(), "acks", "all", "linger.ms", 1),
				new StringSerializer(), new StringSerializer());
		this.results = new KafkaConsumer<>(Map.of("bootstrap.servers", suite.bootstrapServers(), "group.id",
				"e2e-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
				new StringDeserializer());
		this.results.subscribe(List.of(CheckoutOutcome.TOPIC));
	}

	/** The thesis' checkout: two distinct items of a pool, quantity 1..3 each. */
	CheckoutMessage randomCheckout(List<String> pool) {
		int first = this.random.nextInt(pool.size());
		int second = (first + 1 + this.random.nextInt(pool.size() - 1)) % pool.size();
		return new CheckoutMessage("user-" + this.random.nextInt(1000),
				List.of(new CheckoutItem(pool.get(first), 1 + this.random.nextInt(3)),
						new CheckoutItem(pool.get(second), 1 + this.random.nextInt(3))));
	}

	/** Publishes the thesis payload; returns the request id (= checkout id). */
	String publish(CheckoutMessage message) {
		String requestId = UUID.randomUUID().toString();
		CheckoutEvent event = new CheckoutEvent(requestId, "e2e", System.currentTimeMillis(), message);
		this.producer.send(new ProducerRecord<>(CheckoutEvent.TOPIC, requestId, this.json.writeValueAsString(event)));
		return requestId;
	}

	void flush() {
		this.producer.flush();
	}

	/** Posts a checkout over REST; completes with the checkout id from the 202 answer. */
	CompletableFuture<String> post(CheckoutMessage message) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.suite.orchestratorUrl() + "/checkouts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(message)))
			.build();
		return this.http.sendAsync(authorized(request), HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			if (response.statusCode() != 202) {
				throw new IllegalStateException(
						"POST /checkouts answered " + response.statusCode() + ": " + response.body());
			}
			return this.json.readTree(response.body()).get("checkoutId").asString();
		});
	}

	/**
	 * Posts a checkout with an idempotency key and waits for its outcome.
	 * @return the HTTP status and the body
	 */
	Answer postAndWait(CheckoutMessage message, String idempotencyKey, String wait) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.suite.orchestratorUrl() + "/checkouts?wait=" + wait))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(message)))
			.build();
		HttpResponse<String> response = send(request, -1);
		return new Answer(response.statusCode(), this.json.readTree(response.body()));
	}

	record Answer(int status, JsonNode body) {
	}

	/**
	 * Reads {@code checkout-results} until every checkout has an outcome.
	 * @return the outcomes by checkout id
	 */
	Map<String, JsonNode> awaitOutcomes(Collection<String> checkoutIds, Duration timeout) {
		Set<String> wanted = new HashSet<>(checkoutIds);
		await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
			for (ConsumerRecord<String, String> record : this.results.poll(Duration.ofMillis(200))) {
				JsonNode outcome = this.json.readTree(record.value());
				JsonNode earlier = this.outcomes.put(record.key(), outcome);
				if (earlier != null && !earlier.get("status").equals(outcome.get("status"))) {
					throw new AssertionError(
							"Two different outcomes for " + record.key() + ": " + earlier + " and " + outcome);
				}
			}
			return this.outcomes.keySet().containsAll(wanted);
		});
		Map<String, JsonNode> found = new HashMap<>();
		wanted.forEach((id) -> found.put(id, this.outcomes.get(id)));
		return found;
	}

	int outcomesSeen(Collection<String> checkoutIds) {
		this.results.poll(Duration.ofMillis(100))
			.forEach((record) -> this.outcomes.put(record.key(), this.json.readTree(record.value())));
		return (int) checkoutIds.stream().filter(this.outcomes::containsKey).count();
	}

	long stock(String itemId) {
		return get(this.suite.stockUrl() + "/stock/" + itemId).get("quantity").asLong();
	}

	Map<String, Long> stock(Collection<String> itemIds) {
		Map<String, Long> stock = new HashMap<>();
		itemIds.forEach((itemId) -> stock.put(itemId, stock(itemId)));
		return stock;
	}

	void setStock(Map<String, Integer> quantities) {
		send(HttpRequest.newBuilder(URI.create(this.suite.stockUrl() + "/stock"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("items", quantities))))
			.build(), 200);
	}

	JsonNode checkout(String checkoutId) {
		return get(this.suite.orchestratorUrl() + "/checkouts/" + checkoutId);
	}

	/** The receipt's HTTP status: 200 stored, 404 none. */
	int receiptStatus(String checkoutId) {
		return send(HttpRequest.newBuilder(URI.create(this.suite.receiptUrl() + "/receipts/" + checkoutId)).build(), -1)
			.statusCode();
	}

	long receiptCount() {
		return get(this.suite.receiptUrl() + "/receipts/count").get("count").asLong();
	}

	static List<String> items(String prefix, int count) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(prefix + i);
		}
		return items;
	}

	private JsonNode get(String uri) {
		return this.json.readTree(send(HttpRequest.newBuilder(URI.create(uri)).build(), 200).body());
	}

	/** Every request of the suite's tests goes as the launcher's own tools client. */
	private static HttpRequest authorized(HttpRequest request) {
		return HttpRequest.newBuilder(request, (name, value) -> true)
			.setHeader("Authorization", "Bearer " + DevCredentials.TOOLS)
			.build();
	}

	private HttpResponse<String> send(HttpRequest unauthorized, int expectedStatus) {
		HttpRequest request = authorized(unauthorized);
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (expectedStatus > 0 && response.statusCode() != expectedStatus) {
				throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
						+ response.statusCode() + ": " + response.body());
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
		this.results.close();
	}

}
