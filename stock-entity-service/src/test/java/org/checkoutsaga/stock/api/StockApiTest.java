package org.checkoutsaga.stock.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutsaga.stock.StockHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API over real HTTP, with the whole service behind it (file H2, group commit,
 * mailboxes).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StockApiTest {

	@LocalServerPort
	int port;

	StockHttp stock;

	RestTestClient http;

	@BeforeEach
	void connect() {
		this.stock = new StockHttp(this.port);
		this.http = this.stock.client();
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void batchOfOperationsIsAnsweredInOrderWithTypedReplies() {
		set("api-1", 10);

		postOperations("""
				[{"type":"Retract","operationId":"c1/api-1","itemId":"api-1","quantity":2},
				 {"type":"Retract","operationId":"c1/api-none","itemId":"api-none","quantity":1},
				 {"type":"Retract","operationId":"c2/api-1","itemId":"api-1","quantity":50},
				 {"type":"Restore","operationId":"c1/api-1","itemId":"api-1","quantity":2},
				 {"type":"Restore","operationId":"c3/api-1","itemId":"api-1","quantity":2},
				 {"type":"Retract","operationId":"c3/api-1","itemId":"api-1","quantity":2}]""").expectStatus()
			.isOk()
			.expectBody()
			.json("""
					[{"type":"Retracted","operationId":"c1/api-1","itemId":"api-1","quantity":2,"remaining":8},
					 {"type":"UnknownItem","operationId":"c1/api-none","itemId":"api-none"},
					 {"type":"OutOfStock","operationId":"c2/api-1","itemId":"api-1","requested":50,"available":8},
					 {"type":"Restored","operationId":"c1/api-1","itemId":"api-1","quantity":2,"remaining":10},
					 {"type":"Restored","operationId":"c3/api-1","itemId":"api-1","quantity":0,"remaining":10},
					 {"type":"RetractCancelled","operationId":"c3/api-1","itemId":"api-1"}]""", JsonCompareMode.STRICT);

		assertThat(this.meterRegistry.get("stock.operations")
			.tag("kind", "RETRACT")
			.tag("outcome", "Retracted")
			.counter()
			.count()).isPositive();
	}

	@Test
	void aRepeatedBatchGetsTheRecordedReplies() {
		set("api-2", 5);
		String batch = """
				[{"type":"Retract","operationId":"c1/api-2","itemId":"api-2","quantity":5}]""";
		postOperations(batch).expectStatus().isOk();

		postOperations(batch).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("Retracted")
			.jsonPath("$[0].remaining")
			.isEqualTo(0);
		get("api-2").expectBody().jsonPath("$.quantity").isEqualTo(0);
	}

	@Test
	void malformedJsonIsABadRequestProblem() {
		postOperations("[{\"type\":\"Retract\",").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("Malformed JSON"));
	}

	@Test
	void anUnknownCommandTypeIsABadRequestNamingTheElement() {
		postOperations("[{\"type\":\"Steal\",\"operationId\":\"c1\",\"itemId\":\"x\",\"quantity\":1}]").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("[0]");
	}

	@Test
	void aQuantityThatIsNotANumberIsABadRequestNamingTheField() {
		postOperations("""
				[{"type":"Retract","operationId":"c1","itemId":"x","quantity":1},
				 {"type":"Retract","operationId":"c2","itemId":"x","quantity":"two"}]""").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("[1].quantity");
	}

	@Test
	void anEmptyBatchIsABadRequest() {
		postOperations("[]").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("operations");
	}

	@Test
	void aBlankOperationIdIsABadRequestNamingTheField() {
		postOperations("""
				[{"type":"Retract","operationId":"c1","itemId":"x","quantity":1},
				 {"type":"Retract","operationId":"  ","itemId":"x","quantity":1}]""").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("[1].operationId")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must not be blank");
	}

	@Test
	void anItemIdWithControlCharactersIsABadRequest() {
		postOperations("[{\"type\":\"Retract\",\"operationId\":\"c1\",\"itemId\":\"a\\u0000b\",\"quantity\":1}]")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("[0].itemId");
	}

	@Test
	void aZeroOrTooLargeQuantityIsABadRequestNamingEachField() {
		postOperations("""
				[{"type":"Retract","operationId":"c1","itemId":"x","quantity":0},
				 {"type":"Restore","operationId":"c2","itemId":"x","quantity":1000001}]""").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.isEqualTo(List.of("[0].quantity", "[1].quantity"));
	}

	@Test
	void aBadRequestChangesNothing() {
		set("api-3", 10);

		postOperations("""
				[{"type":"Retract","operationId":"c1/api-3","itemId":"api-3","quantity":4},
				 {"type":"Retract","operationId":"c2/api-3","itemId":"api-3","quantity":0}]""").expectStatus()
			.isBadRequest();

		get("api-3").expectBody().jsonPath("$.quantity").isEqualTo(10).jsonPath("$.version").isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM stock_operation WHERE operation_id LIKE '%/api-3'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aWriteBehindTheServicesBackIsARetryableProblemAndTheRetrySucceeds() {
		set("api-6", 10);
		this.jdbc.sql("UPDATE stock_item SET version = version + 1 WHERE item_id = 'api-6'").update();
		String batch = """
				[{"type":"Retract","operationId":"c1/api-6","itemId":"api-6","quantity":1}]""";

		postOperations(batch).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.retryable")
			.isEqualTo(true);

		postOperations(batch).expectStatus().isOk().expectBody().jsonPath("$[0].remaining").isEqualTo(9);
		get("api-6").expectBody().jsonPath("$.version").isEqualTo(3);
	}

	@Test
	void anUnknownItemIsNotFound() {
		get("api-never").expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
	}

	@Test
	void setRestockAndGetReportQuantityAndVersion() {
		set("api-4", 3).expectBody()
			.json("{\"itemId\":\"api-4\",\"quantity\":3,\"version\":1}", JsonCompareMode.STRICT);

		this.http.post()
			.uri("/stock/api-4/restock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":4}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"itemId\":\"api-4\",\"quantity\":7,\"version\":2}", JsonCompareMode.STRICT);
		get("api-4").expectBody().json("{\"itemId\":\"api-4\",\"quantity\":7,\"version\":2}", JsonCompareMode.STRICT);
	}

	@Test
	void restockOfAnUnknownItemIsNotFound() {
		this.http.post()
			.uri("/stock/api-none-restock/restock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":4}")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void aNegativeSetIsABadRequest() {
		this.http.put()
			.uri("/stock/api-5")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":-1}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("quantity");
		get("api-5").expectStatus().isNotFound();
	}

	@Test
	void bulkSetStocksEveryItem() {
		this.http.put()
			.uri("/stock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"items\":{\"api-b0\":1000,\"api-b1\":1000}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"updated\":2}", JsonCompareMode.STRICT);
		get("api-b1").expectBody().jsonPath("$.quantity").isEqualTo(1000);
	}

	@Test
	void healthProbesAndPrometheusAreExposed() {
		this.http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.db.status")
			.isEqualTo("UP");
		this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("groupcommit_batch_size")
				.contains("service=\"stock-entity-service\""));
	}

	@Test
	void anUnknownFieldIsABadRequestNamingIt() {
		Snapshot before = snapshot();
		postOperations("""
				[{"type":"Retract","operationId":"c1","itemId":"x","quantity":1,"qty":2}]""").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("[0].qty")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat(message.toString()).startsWith("is not a known field"));
		this.http.put()
			.uri("/stock/api-typo")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantitiy\":5}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("quantitiy");
		assertThat(snapshot()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.5", "1.0", "\"1\"", "1e20", "9223372036854775808", "true", "null", "[1]" })
	void aQuantityThatIsNotAWholeNumberInRangeIsABadRequestNamingIt(String quantity) {
		Snapshot before = snapshot();
		postOperations("[{\"type\":\"Retract\",\"operationId\":\"c1\",\"itemId\":\"x\",\"quantity\":" + quantity + "}]")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("[0].quantity");
		this.http.put()
			.uri("/stock/api-q")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":" + quantity + "}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("quantity");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void aBodyOverTheLimitIsRefusedWith413DeclaredOrChunked() throws Exception {
		Snapshot before = snapshot();
		byte[] big = ("[{\"type\":\"Retract\",\"operationId\":\"" + "o".repeat(2 * 1024 * 1024)
				+ "\",\"itemId\":\"x\",\"quantity\":1}]")
			.getBytes(StandardCharsets.UTF_8);
		for (boolean chunked : List.of(false, true)) {
			HttpResponse<String> response = this.stock.send("POST", "/stock/operations", "application/json", big,
					chunked, Map.of());
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"title\":\"Request body too large\"", "\"maxBodyBytes\":2097152");
		}
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void theLargestValidBatchFitsTheBodyLimit() {
		// max-operations-per-request operations with the longest ids, 3 bytes each in
		// UTF-8: more than any batch of the orchestrator (256 operations, shorter ids)
		StringBuilder batch = new StringBuilder("[");
		String itemId = "api-big-" + "\u20ac".repeat(192);
		for (int i = 0; i < 1000; i++) {
			String operationId = String.format("%06d", i) + "\u20ac".repeat(294);
			batch.append((i > 0) ? "," : "")
				.append("{\"type\":\"Retract\",\"operationId\":\"")
				.append(operationId)
				.append("\",\"itemId\":\"")
				.append(itemId)
				.append("\",\"quantity\":1000000}");
		}
		String body = batch.append("]").toString();
		assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1_500_000);

		postOperations(body).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1000);
	}

	@Test
	void otherContentTypesMethodsMissingBodiesAndUnacceptableAnswersAreProblemsThatChangeNothing() {
		Snapshot before = snapshot();
		byte[] valid = "[{\"type\":\"Retract\",\"operationId\":\"c1/api-x\",\"itemId\":\"api-x\",\"quantity\":1}]"
			.getBytes(StandardCharsets.UTF_8);
		assertProblem(this.stock.send("POST", "/stock/operations", "text/plain", valid, false, Map.of()), 415);
		assertProblem(this.stock.send("POST", "/stock/operations", null, valid, false, Map.of()), 415);
		assertProblem(this.stock.send("PUT", "/stock/api-x", "application/xml", valid, false, Map.of()), 415);
		assertProblem(this.stock.send("PUT", "/stock/api-x", "application/x-www-form-urlencoded",
				"quantity=%zz".getBytes(StandardCharsets.UTF_8), false, Map.of()), 415);
		assertProblem(this.stock.send("POST", "/stock/operations", "application/json", new byte[0], false, Map.of()),
				400);
		assertProblem(this.stock.send("DELETE", "/stock/api-x", null, new byte[0], false, Map.of()), 405);
		assertProblem(this.stock.send("PATCH", "/stock/operations", "application/json", valid, false, Map.of()), 405);
		HttpResponse<String> html = this.stock.send("POST", "/stock/operations", "application/json", valid, false,
				Map.of("Accept", "text/html"));
		assertThat(html.statusCode()).isEqualTo(406);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void refusesAnOperationIdRecordedForAnotherItemWith409AndGivesNothingBack() {
		set("reuse-apple", 10);
		set("reuse-pear", 10);
		postOperations("""
				[{"type":"Retract","operationId":"c-reuse/apple","itemId":"reuse-apple","quantity":4}]""")
			.expectStatus()
			.isOk();
		Snapshot before = snapshot();

		for (String type : List.of("Restore", "Retract")) {
			// a valid operation first: the refused request applies none of it
			postOperations("""
					[{"type":"Retract","operationId":"c-fine/pear","itemId":"reuse-pear","quantity":1},
					 {"type":"%s","operationId":"c-reuse/apple","itemId":"reuse-pear","quantity":4}]""".formatted(type))
				.expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Operation id used for another item")
				.jsonPath("$.recordedItemId")
				.isEqualTo("reuse-apple");
		}
		postOperations("""
				[{"type":"Retract","operationId":"c-twice","itemId":"reuse-pear","quantity":1},
				 {"type":"Retract","operationId":"c-twice","itemId":"reuse-apple","quantity":1}]""").expectStatus()
			.isEqualTo(409);
		assertThat(snapshot()).as("nothing recorded, no units conjured").isEqualTo(before);
		get("reuse-pear").expectBody().jsonPath("$.quantity").isEqualTo(10);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status, "\"title\":");
	}

	/** Everything a rejected request must leave as it was. */
	record Snapshot(long items, long quantities, long versions, long operations) {
	}

	private Snapshot snapshot() {
		return this.jdbc
			.sql("SELECT (SELECT COUNT(*) FROM stock_item), (SELECT COALESCE(SUM(quantity), 0) FROM stock_item),"
					+ " (SELECT COALESCE(SUM(version), 0) FROM stock_item), (SELECT COUNT(*) FROM stock_operation)")
			.query((row, number) -> new Snapshot(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)))
			.single();
	}

	private ResponseSpec set(String itemId, long quantity) {
		ResponseSpec response = this.http.put()
			.uri("/stock/{itemId}", itemId)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":" + quantity + "}")
			.exchange();
		return response.expectStatus().isOk();
	}

	private ResponseSpec get(String itemId) {
		return this.http.get().uri("/stock/{itemId}", itemId).exchange();
	}

	private ResponseSpec postOperations(String json) {
		return this.http.post()
			.uri("/stock/operations")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.body(json)
			.exchange();
	}

}
