package org.checkoutsaga.stock;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.stock.ledger.LedgerPage;
import org.checkoutsaga.stock.ledger.LedgerPage.Entry;
import org.checkoutsaga.support.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service on a real PostgreSQL, started with its {@code postgres} profile as
 * configured for production (only the server's address comes from the test), over real
 * HTTP: the migrations, every stock operation and its repeat, the version fence, the
 * ledger listing and the audit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class StockPostgresTest {

	private static final TestPostgres postgres = TestPostgres.shared();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("POSTGRES_HOST", postgres::host);
		registry.add("POSTGRES_PORT", postgres::port);
	}

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

	@Test
	void runsOnItsOwnDatabaseMigratedToTheLatestVersion() {
		assertThat(this.jdbc.sql("SELECT current_database() || ' ' || current_user").query(String.class).single())
			.isEqualTo("stock_entity_service saga");
		assertThat(this.jdbc
			.sql("SELECT version || ' ' || success FROM flyway_schema_history WHERE version IS NOT NULL"
					+ " ORDER BY installed_rank")
			.query(String.class)
			.list()).containsExactly("1 true", "2 true");
		assertThat(this.jdbc
			.sql("SELECT is_identity FROM information_schema.columns"
					+ " WHERE table_name = 'stock_operation' AND column_name = 'seq'")
			.query(String.class)
			.single()).isEqualTo("YES");
	}

	@Test
	void everyOutcomeIsAnsweredAndARepeatedBatchGetsTheRecordedReplies() {
		set("pg-1", 10).expectBody()
			.json("{\"itemId\":\"pg-1\",\"quantity\":10,\"version\":1}", JsonCompareMode.STRICT);
		String batch = """
				[{"type":"Retract","operationId":"c1/pg-1","itemId":"pg-1","quantity":2},
				 {"type":"Retract","operationId":"c1/pg-none","itemId":"pg-none","quantity":1},
				 {"type":"Retract","operationId":"c2/pg-1","itemId":"pg-1","quantity":50},
				 {"type":"Restore","operationId":"c1/pg-1","itemId":"pg-1","quantity":2},
				 {"type":"Restore","operationId":"c3/pg-1","itemId":"pg-1","quantity":2},
				 {"type":"Retract","operationId":"c3/pg-1","itemId":"pg-1","quantity":2},
				 {"type":"Retract","operationId":"c4/pg-1","itemId":"pg-1","quantity":3}]""";
		String replies = """
				[{"type":"Retracted","operationId":"c1/pg-1","itemId":"pg-1","quantity":2,"remaining":8},
				 {"type":"UnknownItem","operationId":"c1/pg-none","itemId":"pg-none"},
				 {"type":"OutOfStock","operationId":"c2/pg-1","itemId":"pg-1","requested":50,"available":8},
				 {"type":"Restored","operationId":"c1/pg-1","itemId":"pg-1","quantity":2,"remaining":10},
				 {"type":"Restored","operationId":"c3/pg-1","itemId":"pg-1","quantity":0,"remaining":10},
				 {"type":"RetractCancelled","operationId":"c3/pg-1","itemId":"pg-1"},
				 {"type":"Retracted","operationId":"c4/pg-1","itemId":"pg-1","quantity":3,"remaining":7}]""";

		operations(batch).expectStatus().isOk().expectBody().json(replies, JsonCompareMode.STRICT);
		operations(batch).expectStatus().isOk().expectBody().json(replies, JsonCompareMode.STRICT);

		get("pg-1").expectBody().json("{\"itemId\":\"pg-1\",\"quantity\":7,\"version\":7}", JsonCompareMode.STRICT);
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM stock_operation WHERE item_id IN ('pg-1', 'pg-none') AND kind <> 'SET'")
			.query(Long.class)
			.single()).as("one entry per operation id and kind, repeats included").isEqualTo(7);
		get("pg-none").expectStatus().isNotFound();
	}

	@Test
	void setRestockAndBulkSetChangeTheStoredRow() {
		set("pg-2", 3);
		this.http.post()
			.uri("/stock/pg-2/restock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":4}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"itemId\":\"pg-2\",\"quantity\":7,\"version\":2}", JsonCompareMode.STRICT);
		this.http.post()
			.uri("/stock/pg-never/restock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":4}")
			.exchange()
			.expectStatus()
			.isNotFound();
		this.http.put()
			.uri("/stock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"items\":{\"pg-2\":0,\"pg-b1\":1000,\"pg-b2\":5}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"updated\":3}", JsonCompareMode.STRICT);

		assertThat(storedQuantity("pg-2")).isZero();
		assertThat(storedQuantity("pg-b1")).isEqualTo(1000);
		assertThat(storedQuantity("pg-b2")).isEqualTo(5);
		operations("""
				[{"type":"Retract","operationId":"c1/pg-2","itemId":"pg-2","quantity":1}]""").expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("OutOfStock");
	}

	@Test
	void aWriteBehindTheServicesBackIsRefusedWith503AndTheRetryIsDecidedOnTheStoredRow() {
		set("pg-3", 10);
		// another instance restocks the item to 100
		this.jdbc
			.sql("INSERT INTO stock_operation (operation_id, kind, item_id, quantity, outcome, quantity_after,"
					+ " recorded_at) VALUES ('other-instance/pg-3', 'RESTOCK', 'pg-3', 90, 'Restocked', 100, now())")
			.update();
		this.jdbc.sql("UPDATE stock_item SET quantity = 100, version = version + 1 WHERE item_id = 'pg-3'").update();
		String batch = """
				[{"type":"Retract","operationId":"c1/pg-3","itemId":"pg-3","quantity":1}]""";

		operations(batch).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.retryable")
			.isEqualTo(true);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM stock_operation WHERE operation_id = 'c1/pg-3'")
			.query(Long.class)
			.single()).isZero();

		operations(batch).expectStatus().isOk().expectBody().jsonPath("$[0].remaining").isEqualTo(99);
		get("pg-3").expectBody().json("{\"itemId\":\"pg-3\",\"quantity\":99,\"version\":3}", JsonCompareMode.STRICT);
	}

	@Test
	void concurrentRetractsOverHttpTakeExactlyTheStockThereIs() {
		set("pg-4", 120);

		List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String body = """
					[{"type":"Retract","operationId":"c%d/pg-4","itemId":"pg-4","quantity":1}]""".formatted(i);
			sent.add(this.stock.sendAsync(HttpRequest.newBuilder(this.stock.uri("/stock/operations"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))));
		}
		List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(200));
		assertThat(answers).filteredOn((answer) -> answer.body().contains("\"Retracted\"")).hasSize(120);
		assertThat(answers).filteredOn((answer) -> answer.body().contains("\"OutOfStock\"")).hasSize(180);
		assertThat(storedQuantity("pg-4")).isZero();
		assertThat(this.jdbc.sql("SELECT version FROM stock_item WHERE item_id = 'pg-4'").query(Long.class).single())
			.isEqualTo(1 + 300);
	}

	@Test
	void theLedgerPagesInCodePointOrderWithoutGapsOrRepeatsAndItsDeltasAddUpToTheStock() {
		set("pg-ledger-a", 50);
		set("pg-ledger-b", 50);
		// ids whose order differs between code points and a natural-language collation
		operations("""
				[{"type":"Retract","operationId":"Zeta/1","itemId":"pg-ledger-a","quantity":5},
				 {"type":"Retract","operationId":"alpha/1","itemId":"pg-ledger-a","quantity":5},
				 {"type":"Retract","operationId":"alpha-2","itemId":"pg-ledger-b","quantity":5},
				 {"type":"Retract","operationId":"_under","itemId":"pg-ledger-b","quantity":5},
				 {"type":"Retract","operationId":"a b","itemId":"pg-ledger-b","quantity":99},
				 {"type":"Restore","operationId":"alpha/1","itemId":"pg-ledger-a","quantity":5},
				 {"type":"Retract","operationId":"\\u00e9t\\u00e9","itemId":"pg-ledger-a","quantity":1}]""")
			.expectStatus()
			.isOk();
		this.http.post()
			.uri("/stock/pg-ledger-b/restock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":7}")
			.exchange()
			.expectStatus()
			.isOk();
		set("pg-ledger-a", 30);

		List<Entry> listed = new ArrayList<>();
		LedgerPage page = ledgerPage(null);
		listed.addAll(page.entries());
		while (page.next() != null) {
			page = ledgerPage(page.next());
			listed.addAll(page.entries());
		}

		List<String> stored = this.jdbc.sql("SELECT operation_id, kind FROM stock_operation")
			.query((rs, row) -> new String[] { rs.getString("operation_id"), rs.getString("kind") })
			.list()
			.stream()
			.sorted(Comparator.<String[], String>comparing((key) -> key[0]).thenComparing((key) -> key[1]))
			.map((key) -> key[0] + " " + key[1])
			.toList();
		assertThat(listed).extracting((entry) -> entry.operationId() + " " + entry.kind())
			.containsExactlyElementsOf(stored);
		Map<String, Long> stock = new HashMap<>();
		listed.forEach((entry) -> stock.merge(entry.itemId(), entry.delta(), Long::sum));
		assertThat(stock).containsEntry("pg-ledger-a", 30L).containsEntry("pg-ledger-b", 47L);
		this.jdbc.sql("SELECT item_id, quantity FROM stock_item")
			.query((rs, row) -> Map.entry(rs.getString("item_id"), rs.getLong("quantity")))
			.list()
			.forEach((item) -> assertThat(stock.get(item.getKey())).as("the deltas of %s", item.getKey())
				.isEqualTo(item.getValue()));
	}

	@Test
	void theAuditFindsNothingWrongWithALedgerWrittenThroughTheApi() {
		set("pg-audit", 10);
		operations("""
				[{"type":"Retract","operationId":"c1/pg-audit","itemId":"pg-audit","quantity":3},
				 {"type":"Retract","operationId":"c2/pg-audit","itemId":"pg-audit","quantity":50},
				 {"type":"Restore","operationId":"c1/pg-audit","itemId":"pg-audit","quantity":3},
				 {"type":"Restore","operationId":"c3/pg-audit","itemId":"pg-audit","quantity":2},
				 {"type":"Retract","operationId":"c3/pg-audit","itemId":"pg-audit","quantity":2}]""").expectStatus()
			.isOk();
		set("pg-audit", 4);

		this.http.get()
			.uri("/actuator/stockaudit?itemId=pg-audit")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"itemsChecked":1,"operationsChecked":7,"violations":[],"ok":true}""", JsonCompareMode.STRICT);
		this.http.get()
			.uri("/actuator/stockaudit")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.ok")
			.isEqualTo(true)
			.jsonPath("$.violations")
			.isEmpty();
	}

	private ResponseSpec set(String itemId, long quantity) {
		return this.http.put()
			.uri("/stock/{itemId}", itemId)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":" + quantity + "}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private ResponseSpec get(String itemId) {
		return this.http.get().uri("/stock/{itemId}", itemId).exchange();
	}

	private ResponseSpec operations(String json) {
		return this.http.post()
			.uri("/stock/operations")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.body(json)
			.exchange();
	}

	private LedgerPage ledgerPage(String after) {
		RestTestClient.RequestHeadersSpec<?> request = (after != null)
				? this.http.get().uri("/stock/ledger?after={after}&limit=7", after)
				: this.http.get().uri("/stock/ledger?limit=7");
		return request.exchange().expectStatus().isOk().expectBody(LedgerPage.class).returnResult().getResponseBody();
	}

	private long storedQuantity(String itemId) {
		return this.jdbc.sql("SELECT quantity FROM stock_item WHERE item_id = ?")
			.param(itemId)
			.query(Long.class)
			.single();
	}

}
