package org.checkoutsaga.orchestrator.ingress;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves records that cannot become a checkout to {@code checkout-events.DLT}, with
 * headers saying why and where they came from: {@code dlt-reason} (free text),
 * {@code dlt-reason-kind} (one of {@link Reason}), {@code dlt-original-topic},
 * {@code dlt-original-partition}, {@code dlt-original-offset}.
 * <p>
 * Key and value are copied as the bytes that arrived (not decoded, so a record that is
 * not UTF-8 arrives as it was sent), each up to {@code checkout.limits.max-body-size}; a
 * longer one is cut there and {@code dlt-original-key-bytes} /
 * {@code dlt-original-value-bytes} give its full length. A dead letter therefore always
 * fits the topic, and a huge record cannot make the send fail and hold up its partition.
 * The counter {@code checkout.dead.letters} counts them by {@code reason}.
 */
@Component
public class DeadLetters implements DisposableBean {

	/** The dead-letter topic of checkout events. */
	public static final String TOPIC = "checkout-events.DLT";

	/** The longest {@code dlt-reason} header, in characters. */
	private static final int MAX_REASON = 1000;

	private static final Log logger = LogFactory.getLog(DeadLetters.class);

	/**
	 * Why a record was dead-lettered, as the {@code reason} tag of
	 * {@code checkout.dead.letters} and the {@code dlt-reason-kind} header: a small fixed
	 * set, so the metric's cardinality stays low.
	 */
	public enum Reason {

		/** Not UTF-8 text, not JSON, or JSON of the wrong shape or types. */
		MALFORMED,

		/** A checkout that breaks a rule (an id, a quantity, the number of items...). */
		INVALID,

		/** A key or value over the size limit. */
		TOO_LARGE,

		/** Its request id already names a checkout with another user or other items. */
		CONFLICT;

		/**
		 * @return the tag value, e.g. {@code too-large}
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final ProducerFactory<byte[], byte[]> producers;

	private final KafkaTemplate<byte[], byte[]> kafka;

	private final int maxCopyBytes;

	private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

	@SuppressWarnings("unchecked")
	DeadLetters(ProducerFactory<?, ?> producers, MeterRegistry meters, CheckoutProperties properties) {
		// the service's producer settings, with the bytes passed through unchanged
		this.producers = (ProducerFactory<byte[], byte[]>) producers
			.copyWithConfigurationOverride(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
		this.kafka = new KafkaTemplate<>(this.producers);
		this.maxCopyBytes = (int) properties.limits().maxBodySize().toBytes();
		for (Reason reason : Reason.values()) {
			this.counters.put(reason,
					Counter.builder("checkout.dead.letters")
						.description("Checkout events moved to the dead-letter topic, by why")
						.tag("reason", reason.tag())
						.register(meters));
		}
	}

	/**
	 * Sends a record to the dead-letter topic.
	 * @param record the record as consumed
	 * @param reason why, in one word
	 * @param detail why, in a sentence
	 * @return completes when the broker has the dead letter
	 */
	CompletableFuture<?> send(ConsumerRecord<byte[], byte[]> record, Reason reason, String detail) {
		String text = (detail.length() <= MAX_REASON) ? detail : detail.substring(0, MAX_REASON) + "...";
		logger.warn("Dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset() + " ("
				+ reason.tag() + "): " + text);
		ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(TOPIC, cut(record.key()), cut(record.value()));
		header(letter, "dlt-reason", text);
		header(letter, "dlt-reason-kind", reason.tag());
		header(letter, "dlt-original-topic", record.topic());
		header(letter, "dlt-original-partition", String.valueOf(record.partition()));
		header(letter, "dlt-original-offset", String.valueOf(record.offset()));
		if (record.key() != null && record.key().length > this.maxCopyBytes) {
			header(letter, "dlt-original-key-bytes", String.valueOf(record.key().length));
		}
		if (record.value() != null && record.value().length > this.maxCopyBytes) {
			header(letter, "dlt-original-value-bytes", String.valueOf(record.value().length));
		}
		this.counters.get(reason).increment();
		return this.kafka.send(letter);
	}

	private byte[] cut(byte[] bytes) {
		return (bytes == null || bytes.length <= this.maxCopyBytes) ? bytes : Arrays.copyOf(bytes, this.maxCopyBytes);
	}

	private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void destroy() {
		this.producers.reset();
	}

}
