package org.checkoutsaga.orchestrator.ingress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.checkoutsaga.support.testing.TestApiKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no Kafka to hand a checkout to, {@code POST /checkouts} says so at once, as a
 * retryable problem, and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=127.0.0.1:9", "spring.kafka.admin.auto-create=false",
				"spring.kafka.listener.auto-startup=false", "spring.kafka.producer.properties.max.block.ms=1000",
				"spring.datasource.url=jdbc:h2:file:./target/test-db/no-kafka-${random.uuid};WRITE_DELAY=0",
				"checkout.stock-url=http://127.0.0.1:9", "checkout.receipt-url=http://127.0.0.1:9" })
class KafkaUnavailableTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void answers503WhenTheCheckoutCannotBeHandedToKafka() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/checkouts"))
			.header("Content-Type", "application/json")
			.header("Authorization", TestApiKeys.bearer(TestApiKeys.SHOP))
			.timeout(Duration.ofSeconds(20))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}]}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.body()).contains("Checkout not submitted").contains("safe to retry");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance", Long.class)).isZero();
	}

}
