package org.checkoutsaga.stock.api;

import java.net.http.HttpResponse;

import org.checkoutsaga.support.testing.ApiProbe;
import org.checkoutsaga.support.testing.TestApiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what on the stock service, over real HTTP: anonymous, an unknown key, a
 * client without the role and one with it. A refused write changes nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StockAccessTest {

	private static final String RETRACT = """
			[{"type":"Retract","operationId":"%s","itemId":"guarded","quantity":1}]""";

	@LocalServerPort
	int port;

	ApiProbe api;

	@BeforeEach
	void stock() {
		this.api = new ApiProbe(this.port);
		assertThat(this.api.status(TestApiKeys.STOCK_ADMIN, "PUT", "/stock/guarded", "{\"quantity\":10}"))
			.isEqualTo(200);
	}

	@Test
	void refusesAnonymousCallsExceptHealthAndInfo() {
		assertThat(this.api.status(null, "PUT", "/stock/guarded", "{\"quantity\":99}")).isEqualTo(401);
		assertThat(this.api.status(null, "POST", "/stock/operations", RETRACT.formatted("anon"))).isEqualTo(401);
		for (String path : new String[] { "/stock/guarded", "/stock/ledger", "/actuator/stockaudit",
				"/actuator/prometheus", "/actuator/metrics" }) {
			assertThat(this.api.status(null, "GET", path, null)).as(path).isEqualTo(401);
		}
		assertThat(this.api.call(null, "GET", "/actuator/health", null).body()).contains("UP")
			.doesNotContain("components");
		assertThat(this.api.status(null, "GET", "/actuator/info", null)).isEqualTo(200);
		assertThat(this.api.status("no-such-key", "GET", "/stock/guarded", null)).isEqualTo(401);
		assertUnchanged();
	}

	@Test
	void refusesClientsWithoutTheRoleWith403() {
		for (String key : new String[] { TestApiKeys.SHOP, TestApiKeys.SERVICE, TestApiKeys.OPERATOR }) {
			assertThat(this.api.status(key, "PUT", "/stock/guarded", "{\"quantity\":99}")).as(key).isEqualTo(403);
			assertThat(this.api.status(key, "POST", "/stock/guarded/restock", "{\"quantity\":5}")).as(key)
				.isEqualTo(403);
			assertThat(this.api.status(key, "PUT", "/stock", "{\"items\":{\"guarded\":99}}")).as(key).isEqualTo(403);
		}
		for (String key : new String[] { TestApiKeys.SHOP, TestApiKeys.STOCK_ADMIN, TestApiKeys.OPERATOR }) {
			assertThat(this.api.status(key, "POST", "/stock/operations", RETRACT.formatted("wrong-" + key))).as(key)
				.isEqualTo(403);
		}
		for (String path : new String[] { "/stock/ledger", "/actuator/stockaudit", "/actuator/prometheus" }) {
			assertThat(this.api.status(TestApiKeys.SERVICE, "GET", path, null)).as(path).isEqualTo(403);
		}
		assertUnchanged();
	}

	@Test
	void letsEachRoleDoItsPart() {
		assertThat(this.api.call(TestApiKeys.SERVICE, "POST", "/stock/operations", RETRACT.formatted("right")).body())
			.contains("\"remaining\":9");
		assertThat(this.api.status(TestApiKeys.STOCK_ADMIN, "POST", "/stock/guarded/restock", "{\"quantity\":1}"))
			.isEqualTo(200);
		assertThat(this.api.status(TestApiKeys.SHOP, "GET", "/stock/guarded", null)).isEqualTo(200);
		assertThat(this.api.status(TestApiKeys.OPERATOR, "GET", "/stock/ledger?itemId=guarded", null)).isEqualTo(200);
		assertThat(this.api.call(TestApiKeys.OPERATOR, "GET", "/actuator/stockaudit", null).body())
			.contains("\"ok\":true");
		assertThat(this.api.status(TestApiKeys.OPERATOR, "GET", "/actuator/prometheus", null)).isEqualTo(200);
		assertThat(this.api.call(TestApiKeys.OPERATOR, "GET", "/actuator/health", null).body()).contains("components");
	}

	@Test
	void answersAUrlTheFirewallRefusesWithAProblemAndChangesNothing() {
		for (String path : new String[] { "/stock/guarded%0A", "/stock/guar%25ded", "/stock/guarded;x=1" }) {
			HttpResponse<String> answer = this.api.call(TestApiKeys.STOCK_ADMIN, "PUT", path, "{\"quantity\":99}");
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(answer.body()).as(path).contains("\"title\":\"Request rejected\"");
		}
		assertUnchanged();
	}

	private void assertUnchanged() {
		assertThat(this.api.call(TestApiKeys.OPERATOR, "GET", "/stock/guarded", null).body())
			.contains("\"quantity\":10");
	}

}
