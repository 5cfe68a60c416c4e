package org.checkoutsaga.launcher.check;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the three services hold over their HTTP APIs, page by page. Needs nothing
 * but the services' base URLs, so it works against any deployment.
 */
public final class SuiteReader {

	/** The largest page every list endpoint accepts. */
	static final int PAGE_SIZE = 1000;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final String orchestratorUrl;

	private final String stockUrl;

	private final String receiptUrl;

	private final String authorization;

	/**
	 * @param orchestratorUrl base URL of the orchestrator, e.g. http://127.0.0.1:8080
	 * @param stockUrl base URL of the stock service
	 * @param receiptUrl base URL of the receipt service
	 * @param apiKey a key every service knows with role OPERATOR
	 */
	public SuiteReader(String orchestratorUrl, String stockUrl, String receiptUrl, String apiKey) {
		this.authorization = "Bearer " + apiKey;
		this.orchestratorUrl = withoutTrailingSlash(orchestratorUrl);
		this.stockUrl = withoutTrailingSlash(stockUrl);
		this.receiptUrl = withoutTrailingSlash(receiptUrl);
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Read everything, the orchestrator first: a checkout seen as ended has its stock
	 * movements and receipt stored already (each service makes an outcome durable before
	 * it is visible), so a snapshot taken while sagas run shows them as running, not as
	 * broken.
	 * @return the snapshot
	 * @throws UnreadableException if a service cannot be read
	 */
	public SuiteSnapshot read() {
		List<SuiteSnapshot.Checkout> checkouts = checkouts();
		List<SuiteSnapshot.LedgerEntry> ledger = pages(this.stockUrl + "/stock/ledger", "entries",
				SuiteReader::ledgerEntry);
		List<SuiteSnapshot.Receipt> receipts = pages(this.receiptUrl + "/receipts", "receipts", SuiteReader::receipt);
		long receiptCount = get(this.receiptUrl + "/receipts/count").path("count").asLong(-1);
		return new SuiteSnapshot(checkouts, ledger, receipts, receiptCount, audit());
	}

	/**
	 * Every checkout the orchestrator knows.
	 * @return the checkouts in the orchestrator's order
	 */
	public List<SuiteSnapshot.Checkout> checkouts() {
		return pages(this.orchestratorUrl + "/checkouts", "checkouts", SuiteReader::checkout);
	}

	/**
	 * The items of one checkout, from {@code GET /checkouts/{id}}.
	 * @param checkoutId the checkout
	 * @return units by item id, or empty if the orchestrator does not know the checkout
	 */
	public Optional<Map<String, Integer>> items(String checkoutId) {
		return find(this.orchestratorUrl + "/checkouts/" + encode(checkoutId)).map((view) -> {
			Map<String, Integer> items = new LinkedHashMap<>();
			view.path("items")
				.forEach((item) -> items.put(item.path("itemId").asString(), item.path("quantity").asInt()));
			return items;
		});
	}

	/**
	 * One checkout as {@code GET /checkouts/{id}} shows it.
	 * @param checkoutId the checkout
	 * @return the checkout, or empty if the orchestrator does not know it
	 */
	public Optional<SuiteSnapshot.Checkout> checkout(String checkoutId) {
		return find(this.orchestratorUrl + "/checkouts/" + encode(checkoutId)).map((view) -> {
			JsonNode timings = view.path("timings");
			return new SuiteSnapshot.Checkout(text(view, "checkoutId"), text(view, "status"), text(view, "reason"),
					number(timings, "startedAt"), number(timings, "completedAt"));
		});
	}

	/**
	 * The stock of one item.
	 * @param itemId the item
	 * @return its units in stock, or empty if the item is unknown
	 */
	public Optional<Long> stock(String itemId) {
		return find(this.stockUrl + "/stock/" + encode(itemId)).map((item) -> item.path("quantity").asLong());
	}

	/**
	 * The stock service's audit of its ledger.
	 * @return the audit
	 */
	public SuiteSnapshot.Audit audit() {
		JsonNode audit = get(this.stockUrl + "/actuator/stockaudit");
		List<SuiteSnapshot.AuditViolation> violations = new ArrayList<>();
		audit.path("violations")
			.forEach((violation) -> violations.add(new SuiteSnapshot.AuditViolation(text(violation, "itemId"),
					text(violation, "operationId"), text(violation, "problem"))));
		return new SuiteSnapshot.Audit(audit.path("itemsChecked").asLong(), audit.path("operationsChecked").asLong(),
				audit.path("ok").asBoolean(false), violations);
	}

	/**
	 * The orchestrator's base URL.
	 * @return the URL, without a trailing slash
	 */
	public String orchestratorUrl() {
		return this.orchestratorUrl;
	}

	/**
	 * The stock service's base URL.
	 * @return the URL, without a trailing slash
	 */
	public String stockUrl() {
		return this.stockUrl;
	}

	/**
	 * The receipt service's base URL.
	 * @return the URL, without a trailing slash
	 */
	public String receiptUrl() {
		return this.receiptUrl;
	}

	private <T> List<T> pages(String url, String field, Function<JsonNode, T> mapper) {
		List<T> all = new ArrayList<>();
		String after = null;
		while (true) {
			String page = url + "?limit=" + PAGE_SIZE + ((after != null) ? "&after=" + encode(after) : "");
			JsonNode body = get(page);
			JsonNode rows = body.path(field);
			if (!rows.isArray()) {
				throw new UnreadableException("GET " + page + " answered without a \"" + field + "\" array: " + body);
			}
			rows.forEach((row) -> all.add(mapper.apply(row)));
			String next = text(body, "next");
			if (next == null || next.isEmpty() || rows.isEmpty()) {
				return all;
			}
			if (next.equals(after)) {
				throw new UnreadableException("GET " + page + " named the same page again as next: " + next);
			}
			after = next;
		}
	}

	/** A resource that must exist: a 404 means the service lacks the endpoint. */
	private JsonNode get(String url) {
		HttpResponse<String> response = send(url);
		if (response.statusCode() == 404) {
			throw new UnreadableException("GET " + url + " answered 404 (does this version of the service have"
					+ " the endpoint?): " + abbreviate(response.body()));
		}
		return parse(url, response);
	}

	/** One entity by id: a 404 means it is unknown. */
	private Optional<JsonNode> find(String url) {
		HttpResponse<String> response = send(url);
		return (response.statusCode() == 404) ? Optional.empty() : Optional.of(parse(url, response));
	}

	private HttpResponse<String> send(String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Accept", "application/json")
			.header("Authorization", this.authorization)
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UnreadableException("GET " + url + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnreadableException("Interrupted reading " + url, ex);
		}
	}

	private JsonNode parse(String url, HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new UnreadableException(
					"GET " + url + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
		}
		try {
			return this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new UnreadableException("GET " + url + " answered with no JSON: " + abbreviate(response.body()), ex);
		}
	}

	private static SuiteSnapshot.Checkout checkout(JsonNode row) {
		return new SuiteSnapshot.Checkout(text(row, "checkoutId"), text(row, "status"), text(row, "reason"),
				number(row, "startedAt"), number(row, "finishedAt"));
	}

	private static SuiteSnapshot.LedgerEntry ledgerEntry(JsonNode row) {
		return new SuiteSnapshot.LedgerEntry(text(row, "operationId"), text(row, "kind"), text(row, "itemId"),
				row.path("quantity").asLong(), text(row, "outcome"), row.path("delta").asLong());
	}

	private static SuiteSnapshot.Receipt receipt(JsonNode row) {
		return new SuiteSnapshot.Receipt(text(row, "checkoutId"), text(row, "receiptId"), text(row, "createdAt"));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static Long number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || !value.isNumber()) ? null : value.asLong();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String withoutTrailingSlash(String url) {
		String trimmed = url.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	private static String abbreviate(String body) {
		String line = body.replaceAll("\\s+", " ").trim();
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

	/**
	 * A service could not be read, or answered something that does not follow its API.
	 */
	public static final class UnreadableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreadableException(String message) {
			super(message);
		}

		UnreadableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
