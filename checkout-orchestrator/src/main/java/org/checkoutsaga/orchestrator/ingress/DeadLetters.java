package org.checkoutsaga.orchestrator.ingress;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves records that cannot become a checkout to {@code checkout-events.DLT}, unchanged,
 * with headers saying why and where they came from: {@code dlt-reason},
 * {@code dlt-original-topic}, {@code dlt-original-partition},
 * {@code dlt-original-offset}.
 */
@Component
public class DeadLetters {

	/** The dead-letter topic of checkout events. */
	public static final String TOPIC = "checkout-events.DLT";

	private static final Log logger = LogFactory.getLog(DeadLetters.class);

	private final KafkaTemplate<String, String> kafka;

	private final Counter counter;

	DeadLetters(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
		this.kafka = kafka;
		this.counter = Counter.builder("checkout.dead.letters")
			.description("Checkout events moved to the dead-letter topic")
			.register(meters);
	}

	CompletableFuture<?> send(ConsumerRecord<String, String> record, String reason) {
		logger.warn(
				"Dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + reason);
		ProducerRecord<String, String> letter = new ProducerRecord<>(TOPIC, record.key(), record.value());
		header(letter, "dlt-reason", reason);
		header(letter, "dlt-original-topic", record.topic());
		header(letter, "dlt-original-partition", String.valueOf(record.partition()));
		header(letter, "dlt-original-offset", String.valueOf(record.offset()));
		this.counter.increment();
		return this.kafka.send(letter);
	}

	private static void header(ProducerRecord<String, String> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
