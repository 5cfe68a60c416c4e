package org.checkoutsaga.orchestrator.ingress;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.orchestrator.OrchestratorHttp;
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
		HttpResponse<String> response = new OrchestratorHttp(this.port).postJson("/checkouts",
				"{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}]}", Map.of());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.body()).contains("Checkout not submitted").contains("safe to retry");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM saga_instance", Long.class)).isZero();
	}

}
