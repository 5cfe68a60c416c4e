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
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/stockaudit} over real HTTP, on a ledger written by the service's
 * own API: every outcome the entities record passes the audit. The context may be shared
 * with other tests that use the API as intended, so the whole audit must pass whatever
 * else they wrote.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StockAuditEndpointTest {

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void connect() {
		this.http = new StockHttp(this.port).client();
	}

	@Test
	void aLedgerWrittenThroughTheApiPassesTheAudit() {
		everyOutcomeThroughTheApi();

		this.http.get()
			.uri("/actuator/stockaudit")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.ok")
			.isEqualTo(true)
			.jsonPath("$.violations")
			.isEmpty()
			.jsonPath("$.itemsChecked")
			.value((items) -> assertThat((Integer) items).isGreaterThanOrEqualTo(3));
		audit("audit-a").expectBody().json("""
				{"itemsChecked":1,"operationsChecked":11,"violations":[],"ok":true}""", JsonCompareMode.STRICT);
		audit("audit-b").expectBody().json("""
				{"itemsChecked":1,"operationsChecked":1,"violations":[],"ok":true}""", JsonCompareMode.STRICT);
		audit("audit-none").expectBody().json("""
				{"itemsChecked":1,"operationsChecked":2,"violations":[],"ok":true}""", JsonCompareMode.STRICT);
	}

	@Test
	void aBlankOrTooLongItemIdIsABadRequest() {
		audit("x".repeat(201)).expectStatus().isBadRequest();
		audit("  ").expectStatus().isBadRequest();
	}

	private void everyOutcomeThroughTheApi() {
		set("audit-a", 10);
		operations("""
				[{"type":"Retract","operationId":"c1/audit-a","itemId":"audit-a","quantity":3},
				 {"type":"Retract","operationId":"c2/audit-a","itemId":"audit-a","quantity":50},
				 {"type":"Restore","operationId":"c1/audit-a","itemId":"audit-a","quantity":3},
				 {"type":"Restore","operationId":"c3/audit-a","itemId":"audit-a","quantity":2},
				 {"type":"Retract","operationId":"c3/audit-a","itemId":"audit-a","quantity":2},
				 {"type":"Restore","operationId":"c2/audit-a","itemId":"audit-a","quantity":50},
				 {"type":"Retract","operationId":"c4/audit-none","itemId":"audit-none","quantity":1}]""").expectBody()
			.jsonPath("$[*].type")
			.isEqualTo(List.of("Retracted", "OutOfStock", "Restored", "Restored", "RetractCancelled", "Restored",
					"UnknownItem"));
		this.http.post()
			.uri("/stock/audit-a/restock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":4}")
			.exchange()
			.expectStatus()
			.isOk();
		this.http.post()
			.uri("/stock/audit-none/restock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":4}")
			.exchange()
			.expectStatus()
			.isNotFound();
		this.http.put()
			.uri("/stock")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"items\":{\"audit-a\":6,\"audit-b\":5}}")
			.exchange()
			.expectStatus()
			.isOk();
		operations("""
				[{"type":"Retract","operationId":"c5/audit-a","itemId":"audit-a","quantity":6},
				 {"type":"Retract","operationId":"c6/audit-a","itemId":"audit-a","quantity":1}]""").expectBody()
			.jsonPath("$[*].type")
			.isEqualTo(List.of("Retracted", "OutOfStock"));
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

	private ResponseSpec operations(String json) {
		return this.http.post()
			.uri("/stock/operations")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange()
			.expectStatus()
			.isOk();
	}

	private ResponseSpec audit(String itemId) {
		return this.http.get().uri("/actuator/stockaudit?itemId={itemId}", itemId).exchange();
	}

}
