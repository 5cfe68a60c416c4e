package org.checkoutsaga.stock.ledger;

import java.util.List;

import org.checkoutsaga.stock.StockHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/**
 * {@code GET /actuator/stockaudit} over real HTTP after the database was changed behind
 * the service's back: the audit names the item, the entry and what is wrong. The damage
 * stays in a database of this class's own, thrown away with its context afterwards, so
 * that no other test's audit sees it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:file:./target/test-data/${random.uuid}/damaged;WRITE_DELAY=0")
@DirtiesContext
class StockAuditCorruptionTest {

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void connect() {
		this.http = new StockHttp(this.port).client();
	}

	@Autowired
	JdbcClient jdbc;

	@Test
	void aQuantityChangedBehindTheLedgersBackIsReported() {
		set("damaged-1", 10);
		retract("c1/damaged-1", "damaged-1", 4);

		this.jdbc.sql("UPDATE stock_item SET quantity = 60 WHERE item_id = 'damaged-1'").update();

		audit("damaged-1").expectBody()
			.json("""
					{"itemsChecked":1,"operationsChecked":2,"violations":[
					  {"itemId":"damaged-1","operationId":null,
					   "problem":"stock_item holds 60 units, but the ledger implies 6: SET %s to 10, then +0 restocked, -4 retracted, +0 restored"}
					],"ok":false}"""
				.formatted(setOperationId("damaged-1")), JsonCompareMode.STRICT);
	}

	@Test
	void anAppliedRestoreWithoutARetractionIsReported() {
		set("damaged-2", 10);
		retract("c1/damaged-2", "damaged-2", 4);

		// a restore that gives back units no retraction took, with the row to match
		this.jdbc
			.sql("""
					INSERT INTO stock_operation (operation_id, kind, item_id, quantity, outcome, quantity_after, recorded_at)
					VALUES ('c9/damaged-2', 'RESTORE', 'damaged-2', 5, 'Restored', 11, CURRENT_TIMESTAMP)""")
			.update();
		this.jdbc.sql("UPDATE stock_item SET quantity = 11 WHERE item_id = 'damaged-2'").update();

		audit("damaged-2").expectBody()
			.json("""
					{"itemsChecked":1,"operationsChecked":3,"violations":[
					  {"itemId":"damaged-2","operationId":"c9/damaged-2",
					   "problem":"RESTORE c9/damaged-2 gives back 5 units, but no retraction with this operation id was recorded"}
					],"ok":false}""",
					JsonCompareMode.STRICT);
		this.http.get()
			.uri("/actuator/stockaudit")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.ok")
			.isEqualTo(false)
			.jsonPath("$.violations[?(@.operationId == 'c9/damaged-2')].itemId")
			.isEqualTo(List.of("damaged-2"));
	}

	private void set(String itemId, long quantity) {
		this.http.put()
			.uri("/stock/{itemId}", itemId)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":" + quantity + "}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private void retract(String operationId, String itemId, int quantity) {
		this.http.post()
			.uri("/stock/operations")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					[{"type":"Retract","operationId":"%s","itemId":"%s","quantity":%d}]""".formatted(operationId,
					itemId, quantity))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("Retracted");
	}

	private String setOperationId(String itemId) {
		return this.jdbc.sql("SELECT operation_id FROM stock_operation WHERE item_id = ? AND kind = 'SET'")
			.param(itemId)
			.query(String.class)
			.single();
	}

	private ResponseSpec audit(String itemId) {
		return this.http.get().uri("/actuator/stockaudit?itemId={itemId}", itemId).exchange().expectStatus().isOk();
	}

}
