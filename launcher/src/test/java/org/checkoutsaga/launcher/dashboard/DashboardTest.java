package org.checkoutsaga.launcher.dashboard;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard alone, without the suite.
 */
class DashboardTest {

	@Test
	void listsAServiceOnThisHostOfflineWhileItIsDownAndRefusesOneElsewhere() throws Exception {
		try (Dashboard dashboard = Dashboard.start(0)) {
			assertThat(dashboard.url()).isEqualTo("http://127.0.0.1:" + dashboard.port());

			String stopped = "http://127.0.0.1:" + portNobodyListensOn();
			dashboard.register("stock-entity-service", stopped);

			assertThat(instances(dashboard)).contains("\"name\":\"stock-entity-service\"")
				.contains("\"healthUrl\":\"" + stopped + "/actuator/health\"");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(instances(dashboard)).contains("\"status\":\"OFFLINE\""));
			assertThatException().isThrownBy(() -> dashboard.register("elsewhere", "http://192.0.2.10:8080"))
				.withMessageContaining("192.0.2.10");
			assertThat(instances(dashboard)).doesNotContain("elsewhere");
		}
	}

	private static int portNobodyListensOn() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
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
