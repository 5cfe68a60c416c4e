package org.checkoutsaga.launcher.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code launcher check} against a small fake of the three services' HTTP APIs: it reads
 * every page of every list, asks for the items of completed checkouts, prints the report
 * and answers with the exit status.
 */
class CheckCommandTest {

	private HttpServer server;

	private final ExecutorService handlers = Executors.newFixedThreadPool(4);

	private final Map<String, String> checkouts = new TreeMap<>();

	private final Map<String, String> views = new HashMap<>();

	private final Map<String, String> ledger = new TreeMap<>();

	private final Map<String, String> receipts = new TreeMap<>();

	private String audit = "{\"itemsChecked\":1,\"operationsChecked\":0,\"violations\":[],\"ok\":true}";

	private final List<String> requests = new ArrayList<>();

	@BeforeEach
	void startFakeServices() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/checkouts", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/checkouts")) {
				page(exchange, "checkouts", this.checkouts);
			}
			else {
				String view = this.views.get(path.substring("/checkouts/".length()));
				answer(exchange, (view != null) ? 200 : 404, (view != null) ? view : "{\"status\":404}");
			}
		});
		this.server.createContext("/stock/ledger", (exchange) -> page(exchange, "entries", this.ledger));
		this.server.createContext("/actuator/stockaudit", (exchange) -> answer(exchange, 200, this.audit));
		this.server.createContext("/receipts", (exchange) -> {
			if (exchange.getRequestURI().getPath().equals("/receipts/count")) {
				answer(exchange, 200, "{\"count\":" + this.receipts.size() + "}");
			}
			else {
				page(exchange, "receipts", this.receipts);
			}
		});
		this.server.setExecutor(this.handlers);
		this.server.start();
	}

	@AfterEach
	void stopFakeServices() {
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

	@Test
	void readsEveryPageAndPassesAConsistentSuite() {
		for (int i = 0; i < 2300; i++) {
			if (i % 100 == 0) {
				completed(uuid(i), "item-" + (i % 7), 1 + i % 3);
			}
			else {
				rejected(uuid(i), "item-" + (i % 7), 1 + i % 3);
			}
		}

		Result result = check();

		assertThat(result.status()).isEqualTo(CheckCommand.OK);
		assertThat(result.out()).contains("checkouts   2300  COMPLETED 23, REJECTED 2277")
			.contains("receipts    23")
			.endsWith("RESULT: OK\n");
		assertThat(this.requests).contains("/checkouts?limit=1000", "/checkouts?limit=1000&after=" + uuid(999),
				"/checkouts?limit=1000&after=" + uuid(1999));
	}

	@Test
	void answersNotOkAndNamesTheCheckoutAndItemOfAViolation() {
		completed(uuid(1), "item-1", 2);
		completed(uuid(2), "item-2", 1);
		// the second checkout took its item twice
		this.ledger.put(uuid(2) + "/item-2#again", entry(uuid(2) + "/item-2", "item-2", -1));

		Result result = check();

		assertThat(result.status()).isEqualTo(CheckCommand.NOT_OK);
		assertThat(result.out()).contains("STOCK_MOVEMENT_MISMATCH", "checkout=" + uuid(2), "item=item-2")
			.contains("RESULT: 1 VIOLATION(S)");
	}

	@Test
	void failsClearlyWhenAServiceLacksAnEndpoint() {
		this.server.removeContext("/stock/ledger");

		Result result = check();

		assertThat(result.status()).isEqualTo(CheckCommand.FAILED);
		assertThat(result.err()).contains("/stock/ledger", "404");
	}

	private void completed(String checkoutId, String itemId, int quantity) {
		this.checkouts.put(checkoutId, "{\"checkoutId\":\"" + checkoutId
				+ "\",\"status\":\"COMPLETED\",\"reason\":null,\"startedAt\":1,\"finishedAt\":2}");
		this.views.put(checkoutId,
				"{\"checkoutId\":\"" + checkoutId + "\",\"status\":\"COMPLETED\",\"items\":[{\"itemId\":\"" + itemId
						+ "\",\"quantity\":" + quantity + ",\"status\":\"RETRACTED\"}],\"timings\":{\"startedAt\":1}}");
		this.ledger.put(checkoutId + "/" + itemId, entry(checkoutId + "/" + itemId, itemId, -quantity));
		this.receipts.put(checkoutId, "{\"checkoutId\":\"" + checkoutId + "\",\"receiptId\":\"r-" + checkoutId
				+ "\",\"createdAt\":\"2026-11-22T10:00:00Z\"}");
	}

	/** Refused for want of stock: a ledger entry that moves nothing, no receipt. */
	private void rejected(String checkoutId, String itemId, int quantity) {
		this.checkouts.put(checkoutId, "{\"checkoutId\":\"" + checkoutId
				+ "\",\"status\":\"REJECTED\",\"reason\":\"OUT_OF_STOCK\",\"startedAt\":1,\"finishedAt\":2}");
		this.ledger.put(checkoutId + "/" + itemId,
				"{\"operationId\":\"" + checkoutId + "/" + itemId + "\",\"kind\":\"RETRACT\",\"itemId\":\"" + itemId
						+ "\",\"quantity\":" + quantity + ",\"outcome\":\"OutOfStock\",\"delta\":0}");
	}

	private static String entry(String operationId, String itemId, int delta) {
		return "{\"operationId\":\"" + operationId + "\",\"kind\":\"RETRACT\",\"itemId\":\"" + itemId
				+ "\",\"quantity\":" + Math.abs(delta) + ",\"outcome\":\"Retracted\",\"delta\":" + delta + "}";
	}

	private Result check() {
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = CheckCommand.run(
				new String[] { "--orchestrator=" + url, "--stock=" + url + "/", "--receipts=" + url },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Result(int status, String out, String err) {
	}

	/** Rows after {@code after} in key order, at most {@code limit}, and the next key. */
	private void page(HttpExchange exchange, String field, Map<String, String> rows) throws IOException {
		synchronized (this.requests) {
			this.requests.add(exchange.getRequestURI().toString());
		}
		Map<String, String> query = new HashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
		}
		int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
		TreeMap<String, String> sorted = new TreeMap<>(rows);
		Map<String, String> rest = (query.get("after") != null) ? sorted.tailMap(query.get("after"), false) : sorted;
		List<String> keys = rest.keySet().stream().limit(limit).toList();
		String next = (keys.size() == limit && rest.size() > limit) ? "\"" + keys.get(keys.size() - 1) + "\"" : "null";
		String body = "{\"" + field + "\":[" + String.join(",", keys.stream().map(rows::get).toList()) + "],\"next\":"
				+ next + "}";
		answer(exchange, 200, body);
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static String uuid(int i) {
		return new UUID(0x4000L, 0x8000000000000000L | i).toString();
	}

}
