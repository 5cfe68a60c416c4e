package org.checkoutsaga.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutMessage;

/**
 * Kafka ingress as in the thesis: each checkout event is created (request id, client
 * timestamp) right before it is produced to {@code checkout-events}, keyed by its request
 * id, as fast as the producer takes them; {@code acks=all}.
 */
public final class KafkaLoad implements AutoCloseable {

	private final KafkaProducer<String, String> producer;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param bootstrapServers the Kafka cluster
	 */
	public KafkaLoad(String bootstrapServers) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.CLIENT_ID_CONFIG, "bench-load"),
				new StringSerializer(), new StringSerializer());
	}

	/**
	 * Produce a run's checkouts and wait until the broker has acknowledged them all.
	 * @param tracker where each checkout is registered before it is sent
	 * @param generator the checkouts
	 * @param events how many
	 * @param experimentId the thesis' experiment id, naming the run
	 * @return how sending went
	 */
	public SendReport send(Outcomes.Tracker tracker, CheckoutGenerator generator, int events, String experimentId) {
		AtomicInteger failed = new AtomicInteger();
		AtomicReference<String> firstFailure = new AtomicReference<>();
		long start = System.nanoTime();
		for (int i = 0; i < events; i++) {
			CheckoutMessage message = generator.next();
			String requestId = UUID.randomUUID().toString();
			long clientTimestamp = System.currentTimeMillis();
			tracker.sending(i, requestId, clientTimestamp);
			String value = this.json
				.writeValueAsString(new CheckoutEvent(requestId, experimentId, clientTimestamp, message));
			this.producer.send(new ProducerRecord<>(CheckoutEvent.TOPIC, requestId, value), (metadata, exception) -> {
				if (exception != null) {
					failed.incrementAndGet();
					firstFailure.compareAndSet(null, exception.toString());
				}
			});
		}
		this.producer.flush();
		return new SendReport(events, failed.get(), firstFailure.get(), (System.nanoTime() - start) / 1_000_000);
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
