package org.checkoutsaga.orchestrator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.events.ReceiptReply;
import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.support.SealedTypesModule;

/**
 * Stand-ins for the stock and receipt services on a real HTTP port, each of which can be
 * switched to answering 503: enough to drive the orchestrator's deadlines. They apply
 * nothing; they record what they were asked.
 */
final class FlakyParticipants implements AutoCloseable {

	final AtomicBoolean stockUp = new AtomicBoolean(true);

	final AtomicBoolean receiptsUp = new AtomicBoolean(true);

	/**
	 * Every stock command answered, and every receipt call, as "STORE id" (a receipt of a
	 * batch) / "DELETE id".
	 */
	final List<StockCommand> stockCommands = new CopyOnWriteArrayList<>();

	final List<String> receiptCalls = new CopyOnWriteArrayList<>();

	/** The W3C trace context each receipt call carried, by checkout id. */
	final Map<String, String> receiptTraceParents = new ConcurrentHashMap<>();

	/** Every distinct Authorization header the stand-ins were sent. */
	final Set<String> authorizations = ConcurrentHashMap.newKeySet();

	private final JsonMapper json = JsonMapper.builder().addModule(SealedTypesModule.commonEvents()).build();

	private final HttpServer server;

	FlakyParticipants() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/stock/operations", (exchange) -> handle(exchange, this::stock));
		this.server.createContext("/receipts", (exchange) -> handle(exchange, this::receipts));
		this.server.start();
	}

	/**
	 * Stand-ins on a free port, for a static field.
	 * @return the started stand-ins
	 */
	static FlakyParticipants started() {
		try {
			return new FlakyParticipants();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Answers 500 with the cause, so a mistake here shows up in the test's log. */
	private void handle(HttpExchange exchange, HttpHandler handler) throws IOException {
		try {
			this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			handler.handle(exchange);
		}
		catch (RuntimeException | IOException ex) {
			ex.printStackTrace();
			answer(exchange, 500, "{}");
		}
	}

	private void stock(HttpExchange exchange) throws IOException {
		if (!this.stockUp.get()) {
			answer(exchange, 503, "{}");
			return;
		}
		StockCommand[] commands = this.json.readValue(exchange.getRequestBody(), StockCommand[].class);
		List<StockReply> replies = new ArrayList<>();
		for (StockCommand command : commands) {
			this.stockCommands.add(command);
			replies.add((command instanceof StockCommand.Retract)
					? new StockReply.Retracted(command.operationId(), command.itemId(), command.quantity(), 10)
					: new StockReply.Restored(command.operationId(), command.itemId(), command.quantity(), 10));
		}
		answer(exchange, 200,
				this.json.writerFor(StockReply[].class).writeValueAsString(replies.toArray(StockReply[]::new)));
	}

	private void receipts(HttpExchange exchange) throws IOException {
		String traceParent = exchange.getRequestHeaders().getFirst("traceparent");
		if ("POST".equals(exchange.getRequestMethod())) {
			storeAll(exchange, traceParent);
			return;
		}
		String checkoutId = exchange.getRequestURI().getPath().substring("/receipts/".length());
		exchange.getRequestBody().readAllBytes();
		if (traceParent != null) {
			this.receiptTraceParents.put(checkoutId, traceParent);
		}
		this.receiptCalls.add("DELETE " + checkoutId);
		answer(exchange, 200, "{\"checkoutId\":\"" + checkoutId + "\",\"cancelled\":false}");
	}

	private void storeAll(HttpExchange exchange, String traceParent) throws IOException {
		ReceiptRequest[] requests = this.json.readValue(exchange.getRequestBody(), ReceiptRequest[].class);
		boolean up = this.receiptsUp.get();
		List<ReceiptReply> replies = new ArrayList<>();
		for (ReceiptRequest request : requests) {
			String checkoutId = request.checkoutId();
			if (traceParent != null) {
				this.receiptTraceParents.put(checkoutId, traceParent);
			}
			this.receiptCalls.add("STORE " + checkoutId + (up ? "" : " (503)"));
			replies.add(new ReceiptReply.Stored(new Receipt("receipt-" + checkoutId, checkoutId, "u",
					List.of(new CheckoutItem("x", 1)), 0, System.currentTimeMillis()), true));
		}
		if (!up) {
			answer(exchange, 503, "{}");
			return;
		}
		answer(exchange, 200,
				this.json.writerFor(ReceiptReply[].class).writeValueAsString(replies.toArray(ReceiptReply[]::new)));
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
