package org.checkoutsaga.launcher;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Runs the in-process broker for real: topics, produce, consume, restart.
 */
class KafkaBrokerTest {

	private static final String TOPIC = "broker-test";

	@TempDir
	Path dataDir;

	@Test
	void deliversAProducedRecordToAConsumer() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(this.dataDir, 0)) {
			createTopic(broker);
			produce(broker, "checkout-1", "placed");

			assertThat(consumeAll(broker, 1)).containsExactly("checkout-1=placed");
		}
	}

	@Test
	void keepsRecordsAcrossARestartOnTheSameFolder() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(this.dataDir, 0)) {
			createTopic(broker);
			produce(broker, "checkout-1", "placed");
		}

		try (KafkaBroker restarted = KafkaBroker.start(this.dataDir, 0)) {
			produce(restarted, "checkout-2", "placed");

			assertThat(consumeAll(restarted, 2)).containsExactly("checkout-1=placed", "checkout-2=placed");
		}
	}

	@Test
	void failsToStartWhenItsPortIsTaken() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThatException().isThrownBy(() -> KafkaBroker.start(this.dataDir, taken.getLocalPort()))
				.withStackTraceContaining(String.valueOf(taken.getLocalPort()));
		}
	}

	private static void createTopic(KafkaBroker broker) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
			// the controller has committed the topic; the broker's metadata follows a
			// moment later
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(admin.listTopics().names().get()).contains(TOPIC));
		}
	}

	private static void produce(KafkaBroker broker, String key, String value) throws Exception {
		Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
		}
	}

	private static List<String> consumeAll(KafkaBroker broker, int expected) {
		Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		List<String> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(TOPIC, 0);
			consumer.assign(Set.of(partition));
			consumer.seekToBeginning(Set.of(partition));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
					received.add(record.key() + "=" + record.value());
				}
				return received.size() >= expected;
			});
		}
		return received;
	}

}
