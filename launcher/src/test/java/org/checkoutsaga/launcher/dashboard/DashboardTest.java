package org.checkoutsaga.launcher.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The dashboard alone, without the suite.
 */
class DashboardTest {

	@Test
	void listsAServiceOnThisHostAndRefusesOneElsewhere() throws Exception {
		try (Dashboard dashboard = Dashboard.start(0)) {
			assertThat(dashboard.url()).isEqualTo("http://127.0.0.1:" + dashboard.port());

			dashboard.register("stock-entity-service", "http://127.0.0.1:9");

			assertThat(instances(dashboard)).contains("\"name\":\"stock-entity-service\"")
				.contains("\"healthUrl\":\"http://127.0.0.1:9/actuator/health\"");
			assertThatException().isThrownBy(() -> dashboard.register("elsewhere", "http://192.0.2.10:8080"))
				.withMessageContaining("192.0.2.10");
			assertThat(instances(dashboard)).doesNotContain("elsewhere");
		}
	}

	private static String instances(Dashboard dashboard) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "/instances"))
				.header("Accept", "application/json")
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
