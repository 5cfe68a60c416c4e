package org.checkoutsaga.orchestrator.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.checkoutsaga.support.testing.TestApiKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what on the orchestrator, over real HTTP: anonymous, an unknown key, a
 * client without the role and one with it, for the API and the actuator; and each
 * client's submissions rate limited. A refused submission starts nothing.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.datasource.url=jdbc:h2:file:./target/test-db/access-${random.uuid};WRITE_DELAY=0",
				"checkout.stock-url=http://127.0.0.1:9", "checkout.receipt-url=http://127.0.0.1:9",
				"checkout.security.clients.limited.key=" + ApiAccessTests.LIMITED,
				"checkout.security.clients.limited.roles=CHECKOUT",
				"resilience4j.ratelimiter.instances.checkouts-limited.base-config=checkouts",
				"resilience4j.ratelimiter.instances.checkouts-limited.limit-for-period=2",
				"resilience4j.ratelimiter.instances.checkouts-limited.limit-refresh-period=1h" })
class ApiAccessTests {

	static final String LIMITED = "limited-client-key";

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void refusesAnonymousCallsExceptHealthAndInfo() throws Exception {
		HttpResponse<String> submit = submit(null, "anonymous");
		assertThat(submit.statusCode()).isEqualTo(401);
		assertThat(submit.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(submit.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(submit.body()).get("title").asString()).isEqualTo("Authentication required");
		for (String path : new String[] { "/checkouts", "/checkouts/x", "/actuator/prometheus", "/actuator/metrics",
				"/actuator/sagas", "/actuator/circuitbreakers", "/actuator" }) {
			assertThat(get(null, path).statusCode()).as(path).isEqualTo(401);
		}
		assertThat(get(null, "/actuator/info").statusCode()).isEqualTo(200);
		HttpResponse<String> health = get(null, "/actuator/health/readiness");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(health.body()).has("components")).as("details are for operators").isFalse();
		assertNothingStartedFor("anonymous");
	}

	@Test
	void refusesAnUnknownKeyAsUnauthenticated() throws Exception {
		HttpResponse<String> submit = submit("not-a-key", "unknown");
		assertThat(submit.statusCode()).isEqualTo(401);
		assertThat(submit.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertThat(this.json.readTree(submit.body()).get("title").asString()).isEqualTo("Invalid API key");
		assertThat(get("not-a-key", "/actuator/health").statusCode()).as("an unknown key is refused even there")
			.isEqualTo(401);
		assertNothingStartedFor("unknown");
	}

	@Test
	void refusesClientsWithoutTheRoleWith403() throws Exception {
		for (String key : new String[] { TestApiKeys.OPERATOR, TestApiKeys.SERVICE, TestApiKeys.STOCK_ADMIN }) {
			HttpResponse<String> submit = submit(key, "wrong-role");
			assertThat(submit.statusCode()).as(key).isEqualTo(403);
			assertThat(this.json.readTree(submit.body()).get("detail").asString()).contains("may not POST /checkouts");
		}
		assertNothingStartedFor("wrong-role");
		for (String path : new String[] { "/checkouts", "/actuator/prometheus", "/actuator/sagas",
				"/actuator/metrics" }) {
			assertThat(get(TestApiKeys.SHOP, path).statusCode()).as(path).isEqualTo(403);
		}
		assertThat(get(TestApiKeys.SERVICE, "/checkouts/x").statusCode()).isEqualTo(403);
		HttpResponse<String> repair = send(TestApiKeys.SHOP,
				HttpRequest.newBuilder(uri("/actuator/sagas?olderThan=0s")).DELETE());
		assertThat(repair.statusCode()).isEqualTo(403);
	}

	@Test
	void letsEachRoleDoItsPart() throws Exception {
		HttpResponse<String> submit = submit(TestApiKeys.SHOP, "shopper");
		assertThat(submit.statusCode()).isEqualTo(202);
		String checkoutId = this.json.readTree(submit.body()).get("checkoutId").asString();
		assertThat(get(TestApiKeys.SHOP, "/checkouts/" + checkoutId).statusCode()).isEqualTo(200);
		assertThat(get(TestApiKeys.OPERATOR, "/checkouts/" + checkoutId).statusCode()).isEqualTo(200);
		assertThat(get(TestApiKeys.OPERATOR, "/checkouts?limit=10").statusCode()).isEqualTo(200);
		assertThat(get(TestApiKeys.OPERATOR, "/actuator/prometheus").body()).contains("checkout_started_total");
		assertThat(get(TestApiKeys.OPERATOR, "/actuator/sagas").statusCode()).isEqualTo(200);
		JsonNode health = this.json.readTree(get(TestApiKeys.OPERATOR, "/actuator/health/readiness").body());
		assertThat(health.get("components").has("db")).as("operators see the details").isTrue();
	}

	@Test
	void limitsEachClientsSubmissionsWith429AndRetryAfter() throws Exception {
		assertThat(submit(LIMITED, "limited").statusCode()).isEqualTo(202);
		assertThat(submit(LIMITED, "limited").statusCode()).isEqualTo(202);

		HttpResponse<String> third = submit(LIMITED, "limited");
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
				(seconds) -> assertThat(seconds).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toSeconds()));
		assertThat(this.json.readTree(third.body()).get("title").asString()).isEqualTo("Too many checkouts");
		assertThat(submit(TestApiKeys.SHOP, "other-client").statusCode()).as("another client has its own limit")
			.isEqualTo(202);
		assertNothingStartedFor("no-one");
		assertThat(sagasOf("limited")).as("the refused submission started nothing").isEqualTo(2);
	}

	/**
	 * Submits a checkout that is let in and waits until it has started: on the topic's
	 * one partition, anything submitted before it has been handled by then.
	 */
	private void assertNothingStartedFor(String userId) throws Exception {
		String sentinel = "sentinel-" + UUID.randomUUID();
		assertThat(submit(TestApiKeys.SHOP, sentinel).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).until(() -> sagasOf(sentinel) == 1);
		assertThat(sagasOf(userId)).as("checkouts started for " + userId).isZero();
	}

	/** Sagas started for a user. */
	private long sagasOf(String userId) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM saga_event WHERE event_type = 'CheckoutStarted' AND payload LIKE ?", Long.class,
				"%\"userId\":\"" + userId + "\"%");
	}

	private HttpResponse<String> submit(@Nullable String key, String userId) throws Exception {
		return send(key,
				HttpRequest.newBuilder(uri("/checkouts"))
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", UUID.randomUUID().toString())
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"userId\":\"" + userId + "\",\"items\":[{\"itemId\":\"a\",\"quantity\":1}]}")));
	}

	private HttpResponse<String> get(@Nullable String key, String path) throws Exception {
		return send(key, HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> send(@Nullable String key, HttpRequest.Builder request) throws Exception {
		if (key != null) {
			request.header("Authorization", TestApiKeys.bearer(key));
		}
		return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
