package org.checkoutsaga.launcher.faults;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutOutcome;

/**
 * Reads {@code checkout-results} for the whole run, as a downstream consumer would: the
 * first outcome of each checkout, how many outcomes came again (allowed after a crash),
 * and any checkout that was told two different outcomes (never allowed). Keeps reading
 * across a broker restart.
 */
final class OutcomeWatcher implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

	private final AtomicInteger repeats = new AtomicInteger();

	private final Map<String, String> conflicts = new ConcurrentHashMap<>();

	private final Thread reader;

	private volatile boolean closed;

	OutcomeWatcher(String bootstrapServers) {
		this.consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", bootstrapServers, "group.id", "faults-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest", "enable.auto.commit", false),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(CheckoutOutcome.TOPIC));
		this.reader = new Thread(this::read, "outcome-watcher");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * @param checkoutId a checkout
	 * @return its first outcome, or null if none was seen
	 */
	Outcome outcome(String checkoutId) {
		return this.outcomes.get(checkoutId);
	}

	/**
	 * @param checkoutIds checkouts
	 * @return how many of them have an outcome
	 */
	int ended(Collection<String> checkoutIds) {
		int ended = 0;
		for (String checkoutId : checkoutIds) {
			if (this.outcomes.containsKey(checkoutId)) {
				ended++;
			}
		}
		return ended;
	}

	/**
	 * @return outcomes that repeated an earlier one of the same checkout
	 */
	int repeats() {
		return this.repeats.get();
	}

	/**
	 * @param checkoutIds checkouts
	 * @return those of them that were told two different outcomes
	 */
	List<String> conflicts(Collection<String> checkoutIds) {
		return checkoutIds.stream()
			.filter(this.conflicts::containsKey)
			.map((checkoutId) -> checkoutId + " " + this.conflicts.get(checkoutId))
			.toList();
	}

	private void read() {
		try {
			while (!this.closed) {
				try {
					for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
						accept(record);
					}
				}
				catch (WakeupException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// the broker is restarting, say: the consumer reconnects on the next
					// poll
					ChildProcess.sleep(Duration.ofMillis(200));
				}
			}
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	private void accept(ConsumerRecord<String, String> record) {
		JsonNode value;
		try {
			value = this.json.readTree(record.value());
		}
		catch (RuntimeException ex) {
			return;
		}
		Outcome outcome = new Outcome(value.path("status").asString(), value.path("reason").asString(null),
				value.path("completedAt").asLong(), System.currentTimeMillis());
		Outcome first = this.outcomes.putIfAbsent(record.key(), outcome);
		if (first != null) {
			this.repeats.incrementAndGet();
			if (!first.status().equals(outcome.status())) {
				this.conflicts.put(record.key(), "was told " + first.status() + " and " + outcome.status());
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.consumer.wakeup();
		try {
			this.reader.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A checkout's outcome as published.
	 *
	 * @param status COMPLETED or REJECTED
	 * @param reason why it was rejected
	 * @param completedAt when it ended, by the orchestrator's clock
	 * @param receivedAt when this run read it
	 */
	record Outcome(String status, String reason, long completedAt, long receivedAt) {
	}

}
