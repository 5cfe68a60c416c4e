package org.checkoutsaga.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Starts the whole suite in this JVM, on free ports in a temporary folder, and talks to
 * it over HTTP.
 */
class LocalSuiteTest {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@Test
	void seedsTheCatalogAndServesIt() throws Exception {
		try (LocalSuite suite = new LocalSuite(catalogOfThree(this.dataDir, 7)).start()) {
			assertThat(stockOf(suite, "item-0")).isEqualTo(7);
			assertThat(stockOf(suite, "item-2")).isEqualTo(7);
			assertThat(get(suite.stockUrl() + "/stock/item-3").statusCode()).isEqualTo(404);
			assertThat(get(suite.orchestratorUrl() + "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(get(suite.receiptUrl() + "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(suite.bootstrapServers()).startsWith("127.0.0.1:");
		}
		// H2 does not compact its files while the services run; a graceful stop does
		for (SuiteService service : SuiteService.values()) {
			assertThat(chunksInUse(service.h2Url(this.dataDir))).as(service + ": share of the file's chunks in use")
				.isGreaterThanOrEqualTo(95);
		}
	}

	@Test
	void restartsTheOrchestratorOnItsPortAndKeepsTheStockAcrossARestart() throws Exception {
		int orchestratorPort;
		try (LocalSuite suite = new LocalSuite(catalogOfThree(this.dataDir, 7)).start()) {
			orchestratorPort = suite.orchestratorPort();
			suite.stopOrchestrator();
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> get(suite.orchestratorUrl() + "/actuator/health"));

			suite.startOrchestrator();

			assertThat(suite.orchestratorPort()).isEqualTo(orchestratorPort);
			assertThat(get(suite.orchestratorUrl() + "/actuator/health").statusCode()).isEqualTo(200);
		}

		try (LocalSuite restarted = new LocalSuite(catalogOfThree(this.dataDir, 9)).start()) {
			assertThat(stockOf(restarted, "item-0")).as("seeded once per data folder").isEqualTo(7);
		}
	}

	/**
	 * The share (%) of an H2 file's chunks that hold current pages, read without writing.
	 */
	private static int chunksInUse(String h2Url) throws SQLException {
		try (Connection connection = DriverManager.getConnection(h2Url + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rate = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
						+ " WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
			assertThat(rate.next()).isTrue();
			return Integer.parseInt(rate.getString(1));
		}
	}

	private static LocalSuite.Settings catalogOfThree(Path dataDir, long quantity) {
		return LocalSuite.Settings.randomPorts(dataDir).withSeed(3, quantity);
	}

	private static long stockOf(LocalSuite suite, String itemId) throws Exception {
		HttpResponse<String> response = get(suite.stockUrl() + "/stock/" + itemId);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode item = json.readTree(response.body());
		assertThat(item.get("itemId").asString()).isEqualTo(itemId);
		return item.get("quantity").asLong();
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + DevCredentials.TOOLS)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
