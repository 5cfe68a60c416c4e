package org.checkoutsaga.receipt;

import java.nio.file.Path;
import java.util.UUID;

import org.checkoutsaga.support.testing.ApiProbe;
import org.checkoutsaga.support.testing.TestApiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what on the receipt service, over real HTTP: anonymous, an unknown key, a
 * client without the role and one with it. A refused write stores nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReceiptAccessTests {

	private static final Path DATA = Path.of("target", "test-db", "access-" + UUID.randomUUID()).toAbsolutePath();

	private static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:file:" + DATA.resolve("receipt-service") + ";WRITE_DELAY=0");
	}

	@LocalServerPort
	int port;

	ApiProbe api;

	@BeforeEach
	void probe() {
		this.api = new ApiProbe(this.port);
	}

	@Test
	void refusesAnonymousCallsExceptHealthAndInfo() {
		String checkoutId = ReceiptRequests.newCheckoutId();
		assertThat(this.api.status(null, "PUT", "/receipts/" + checkoutId, body(checkoutId))).isEqualTo(401);
		assertThat(this.api.status(null, "DELETE", "/receipts/" + checkoutId, null)).isEqualTo(401);
		for (String path : new String[] { "/receipts/" + checkoutId, "/receipts", "/receipts/count",
				"/actuator/prometheus", "/actuator/metrics" }) {
			assertThat(this.api.status(null, "GET", path, null)).as(path).isEqualTo(401);
		}
		assertThat(this.api.call(null, "GET", "/actuator/health", null).body()).contains("UP")
			.doesNotContain("components");
		assertThat(this.api.status(null, "GET", "/actuator/info", null)).isEqualTo(200);
		assertThat(this.api.status("no-such-key", "PUT", "/receipts/" + checkoutId, body(checkoutId))).isEqualTo(401);
		assertNotStored(checkoutId);
	}

	@Test
	void refusesClientsWithoutTheRoleWith403() {
		String checkoutId = ReceiptRequests.newCheckoutId();
		for (String key : new String[] { TestApiKeys.SHOP, TestApiKeys.OPERATOR, TestApiKeys.STOCK_ADMIN }) {
			assertThat(this.api.status(key, "PUT", "/receipts/" + checkoutId, body(checkoutId))).as(key).isEqualTo(403);
			assertThat(this.api.status(key, "DELETE", "/receipts/" + checkoutId, null)).as(key).isEqualTo(403);
		}
		for (String path : new String[] { "/receipts", "/receipts/count", "/actuator/prometheus" }) {
			assertThat(this.api.status(TestApiKeys.SERVICE, "GET", path, null)).as(path).isEqualTo(403);
		}
		assertNotStored(checkoutId);
	}

	@Test
	void letsEachRoleDoItsPart() {
		String checkoutId = ReceiptRequests.newCheckoutId();
		assertThat(this.api.status(TestApiKeys.SERVICE, "PUT", "/receipts/" + checkoutId, body(checkoutId)))
			.isEqualTo(201);
		assertThat(this.api.status(TestApiKeys.SHOP, "GET", "/receipts/" + checkoutId, null)).isEqualTo(200);
		assertThat(this.api.status(TestApiKeys.OPERATOR, "GET", "/receipts?limit=5", null)).isEqualTo(200);
		assertThat(this.api.status(TestApiKeys.OPERATOR, "GET", "/receipts/count", null)).isEqualTo(200);
		assertThat(this.api.status(TestApiKeys.OPERATOR, "GET", "/actuator/prometheus", null)).isEqualTo(200);
		assertThat(this.api.call(TestApiKeys.OPERATOR, "GET", "/actuator/health", null).body()).contains("components");
	}

	private void assertNotStored(String checkoutId) {
		assertThat(this.api.status(TestApiKeys.OPERATOR, "GET", "/receipts/" + checkoutId, null)).isEqualTo(404);
	}

	private static String body(String checkoutId) {
		return json.writeValueAsString(ReceiptRequests.twoItemsBody(checkoutId));
	}

}
