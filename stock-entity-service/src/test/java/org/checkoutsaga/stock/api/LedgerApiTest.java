package org.checkoutsaga.stock.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.checkoutsaga.stock.ledger.LedgerPage;
import org.checkoutsaga.stock.ledger.LedgerPage.Entry;
import org.checkoutsaga.stock.StockHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /stock/ledger} over real HTTP, on a ledger written by the service's own API:
 * paging neither skips nor repeats an entry, and the deltas of an item add up to its
 * stock. The context may be shared with other tests that use the API as intended, so the
 * listing is compared with the whole table.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LedgerApiTest {

	private static final int ITEMS = 10;

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
	void pagesWalkTheWholeLedgerOnceAndTheDeltasAddUpToEachItemsStock() {
		thousandsOfEntriesThroughTheApi();

		List<LedgerPage> pages = allPages(1000);

		List<Entry> listed = pages.stream().flatMap((page) -> page.entries().stream()).toList();
		assertThat(listed).hasSizeGreaterThanOrEqualTo(2500);
		assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
		assertThat(pages).allSatisfy((page) -> assertThat(page.entries()).hasSizeLessThanOrEqualTo(1000));
		assertThat(listed).extracting((entry) -> entry.operationId() + " " + entry.kind())
			.containsExactlyElementsOf(
					this.jdbc.sql("SELECT operation_id, kind FROM stock_operation ORDER BY operation_id, kind")
						.query((rs, row) -> rs.getString("operation_id") + " " + rs.getString("kind"))
						.list());
		assertThat(operationIdsOnMoreThanOnePage(pages)).isEmpty();
		Map<String, Long> stock = new HashMap<>();
		listed.forEach((entry) -> stock.merge(entry.itemId(), entry.delta(), Long::sum));
		this.jdbc.sql("SELECT item_id, quantity FROM stock_item")
			.query((rs, row) -> Map.entry(rs.getString("item_id"), rs.getLong("quantity")))
			.list()
			.forEach((item) -> assertThat(stock.get(item.getKey())).as("the deltas of %s", item.getKey())
				.isEqualTo(item.getValue()));
	}

	@Test
	void eachEntrysDeltaIsItsChangeToTheStock() {
		set("delta-1", 10);
		operations("""
				[{"type":"Retract","operationId":"delta/c1","itemId":"delta-1","quantity":3},
				 {"type":"Retract","operationId":"delta/c2","itemId":"delta-1","quantity":30},
				 {"type":"Restore","operationId":"delta/c1","itemId":"delta-1","quantity":3},
				 {"type":"Restore","operationId":"delta/c3","itemId":"delta-1","quantity":2},
				 {"type":"Retract","operationId":"delta/c3","itemId":"delta-1","quantity":2},
				 {"type":"Retract","operationId":"delta/c4","itemId":"delta-1","quantity":4}]""");
		set("delta-1", 2);

		List<String> listed = allPages(1000).stream()
			.flatMap((page) -> page.entries().stream())
			.filter((entry) -> entry.itemId().equals("delta-1"))
			.map((entry) -> entry.operationId().startsWith("delta/")
					? entry.operationId() + " " + entry.kind() + " " + entry.outcome() + " " + entry.delta()
					: entry.kind() + " " + entry.delta())
			.toList();

		// the first SET creates 10 from nothing; the second takes the 6 left down to 2
		assertThat(listed).containsExactlyInAnyOrder("SET 10", "delta/c1 RESTORE Restored 3",
				"delta/c1 RETRACT Retracted -3", "delta/c2 RETRACT OutOfStock 0", "delta/c3 RESTORE Restored 0",
				"delta/c3 RETRACT RetractCancelled 0", "delta/c4 RETRACT Retracted -4", "SET -4");
	}

	@Test
	void aRestoreAndItsRetractionShareAPageEvenWithLimitOne() {
		set("pair-1", 10);
		operations("""
				[{"type":"Retract","operationId":"pair/1","itemId":"pair-1","quantity":1},
				 {"type":"Restore","operationId":"pair/1","itemId":"pair-1","quantity":1},
				 {"type":"Retract","operationId":"pair/2","itemId":"pair-1","quantity":1},
				 {"type":"Restore","operationId":"pair/2","itemId":"pair-1","quantity":1},
				 {"type":"Retract","operationId":"pair/3","itemId":"pair-1","quantity":1}]""");

		LedgerPage first = page("pair/", 1);
		LedgerPage second = page(first.next(), 1);

		assertThat(first.entries()).extracting((entry) -> entry.operationId() + " " + entry.kind())
			.containsExactly("pair/1 RESTORE", "pair/1 RETRACT");
		assertThat(first.next()).isEqualTo("pair/1");
		assertThat(second.entries()).extracting((entry) -> entry.operationId() + " " + entry.kind())
			.containsExactly("pair/2 RESTORE", "pair/2 RETRACT");
		// three entries would split pair/2: the page ends before it
		LedgerPage cut = page("pair/", 3);
		assertThat(cut.entries()).extracting(Entry::operationId).containsExactly("pair/1", "pair/1");
		assertThat(cut.next()).isEqualTo("pair/1");
	}

	@Test
	void theLastPageSaysThereIsNoNext() {
		set("zzzz-last", 1);
		String last = this.jdbc.sql("SELECT MAX(operation_id) FROM stock_operation").query(String.class).single();

		LedgerPage page = page(last, 500);

		assertThat(page.entries()).isEmpty();
		assertThat(page.next()).isNull();
		this.http.get()
			.uri("/stock/ledger?after={after}", last)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"entries\":[],\"next\":null}");
	}

	@Test
	void aLimitOutsideOneToAThousandOrNotANumberIsABadRequestProblem() {
		for (String limit : List.of("0", "1001", "-5", "ten", "", "1.5")) {
			this.http.get()
				.uri("/stock/ledger?limit={limit}", limit)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(400)
				.jsonPath("$.errors[0].field")
				.isEqualTo("limit")
				.jsonPath("$.errors[0].message")
				.isEqualTo("must be a whole number between 1 and 1000");
		}
	}

	@Test
	void aBlankTooLongOrControlCharacterAfterIsABadRequestProblem() {
		for (String after : List.of("", "  ", "x".repeat(301), "a\u0001b")) {
			this.http.get()
				.uri("/stock/ledger?after={after}", after)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("after");
		}
	}

	/**
	 * Ten items set to 300 and {@code 2,400} retractions of one unit spread over them, so
	 * that the last item runs out; every seventh retraction restored, some of them
	 * refused (tombstones), a few restores that come first (cancelled retractions), a
	 * restock and a second SET: over 2,500 entries.
	 */
	private void thousandsOfEntriesThroughTheApi() {
		for (int item = 0; item < ITEMS; item++) {
			set(item(item), (item == ITEMS - 1) ? 100 : 300);
		}
		List<String> operations = new ArrayList<>();
		for (int i = 0; i < 2400; i++) {
			operations.add(operation("Retract", "page/" + i, item(i % ITEMS)));
		}
		for (int i = 0; i < 2400; i += 7) {
			operations.add(operation("Restore", "page/" + i, item(i % ITEMS)));
		}
		for (int i = 0; i < 5; i++) {
			operations.add(operation("Restore", "page/late-" + i, item(i)));
			operations.add(operation("Retract", "page/late-" + i, item(i)));
		}
		for (int from = 0; from < operations.size(); from += 1000) {
			StringJoiner batch = new StringJoiner(",", "[", "]");
			operations.subList(from, Math.min(operations.size(), from + 1000)).forEach(batch::add);
			operations(batch.toString());
		}
		this.http.post()
			.uri("/stock/{itemId}/restock", item(3))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":40}")
			.exchange()
			.expectStatus()
			.isOk();
		set(item(4), 1000);
	}

	private static String item(int index) {
		return "page-item-" + index;
	}

	private static String operation(String type, String operationId, String itemId) {
		return "{\"type\":\"%s\",\"operationId\":\"%s\",\"itemId\":\"%s\",\"quantity\":1}".formatted(type, operationId,
				itemId);
	}

	private List<LedgerPage> allPages(int limit) {
		List<LedgerPage> pages = new ArrayList<>();
		LedgerPage page = page(null, limit);
		pages.add(page);
		while (page.next() != null) {
			page = page(page.next(), limit);
			pages.add(page);
		}
		return pages;
	}

	private LedgerPage page(String after, int limit) {
		RestTestClient.RequestHeadersSpec<?> request = (after != null)
				? this.http.get().uri("/stock/ledger?after={after}&limit={limit}", after, limit)
				: this.http.get().uri("/stock/ledger?limit={limit}", limit);
		return request.exchange().expectStatus().isOk().expectBody(LedgerPage.class).returnResult().getResponseBody();
	}

	private static Set<String> operationIdsOnMoreThanOnePage(List<LedgerPage> pages) {
		Set<String> seen = new HashSet<>();
		Set<String> repeated = new HashSet<>();
		for (LedgerPage page : pages) {
			Set<String> onThisPage = new HashSet<>();
			page.entries().forEach((entry) -> onThisPage.add(entry.operationId()));
			onThisPage.forEach((operationId) -> {
				if (!seen.add(operationId)) {
					repeated.add(operationId);
				}
			});
		}
		return repeated;
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

	private void operations(String json) {
		this.http.post()
			.uri("/stock/operations")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange()
			.expectStatus()
			.isOk();
	}

}
