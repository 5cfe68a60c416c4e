package org.checkoutsaga.stock;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.checkoutsaga.support.testing.FuzzTally;
import org.checkoutsaga.support.testing.FuzzTries;
import org.checkoutsaga.support.testing.HostileJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the stock API of a running service (real HTTP, an H2 file) with generated
 * requests of many kinds, valid and not, on every endpoint that takes a body: never a
 * 5xx; every 4xx is an {@code application/problem+json} with a title and the status the
 * kind calls for; a rejected request changes no item and records no operation (the item
 * rows' count, quantities and versions and the ledger's size are compared before and
 * after). {@code -Dfuzz.tries=N} runs N cases instead of the {@code @Property}'s tries;
 * the property prints a {@code FUZZ ...} line with its counts.
 */
class HostileInputFuzzTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final AtomicLong ids = new AtomicLong();

	private static final int MAX_BODY = 2 * 1024 * 1024;

	/** Items the run stocks first, so that valid operations find them. */
	private static final List<String> ITEMS = List.of("fuzz-a", "fuzz-b", "fuzz-c", "fuzz-d");

	private static ConfigurableApplicationContext service;

	private static StockHttp http;

	private static JdbcClient jdbc;

	private FuzzTally tally;

	private Snapshot last;

	@BeforeContainer
	static void start() {
		service = StockEntityServiceApplication.builder()
			.run("--server.port=0", "--spring.config.import=classpath:test-api-clients.yml",
					"--spring.datasource.url=jdbc:h2:file:./target/test-data/fuzz-" + RUN
							+ "/stock-entity-service;WRITE_DELAY=0",
					"--stock.group-commit.sync-to-disk=false");
		http = new StockHttp(((WebServerApplicationContext) service).getWebServer().getPort());
		jdbc = service.getBean(JdbcClient.class);
		String items = ITEMS.stream().map((item) -> "\"" + item + "\": 1000000000").collect(Collectors.joining(","));
		assertThat(
				http.send("PUT", "/stock", "application/json", bytes("{\"items\": {" + items + "}}"), false, Map.of())
					.statusCode())
			.isEqualTo(200);
	}

	@AfterContainer
	static void stop() {
		if (service != null) {
			service.close();
		}
	}

	@BeforeProperty
	void baseline() {
		this.tally = new FuzzTally("stock-rest");
		this.last = snapshot();
	}

	@AfterProperty
	void report() {
		System.out.println(this.tally.summary());
	}

	@Property(tries = 600, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
	@AddLifecycleHook(FuzzTries.class)
	void neverAnswers5xxAndRejectedRequestsChangeNothing(@ForAll("cases") Case fuzz) {
		String path = fuzz.path().replace("{run}", RUN + "-" + ids.incrementAndGet());
		HttpResponse<String> response = http.send(fuzz.method(), path, fuzz.contentType(), fuzz.body(), fuzz.chunked(),
				(fuzz.accept() != null) ? Map.of("Accept", fuzz.accept()) : Map.of());
		int status = response.statusCode();
		this.tally.count(fuzz.kind().tag(), String.valueOf(status));
		String what = fuzz + " " + path + " -> " + status + " " + shorten(response.body());
		assertThat(status).as(what).isLessThan(500);
		Snapshot now = snapshot();
		if (status < 400) {
			assertThat(fuzz.kind().expected()).as(what).isIn(0, 200);
			this.last = now;
			return;
		}
		assertThat(response.headers().firstValue("Content-Type")).as(what)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("title").asString("")).as(what).isNotBlank();
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
		if (fuzz.kind().expected() > 0) {
			assertThat(status).as(what).isEqualTo(fuzz.kind().expected());
		}
		// a restock of an item never stocked is refused with 404 and, like every refusal
		// of a well-formed operation, recorded in the ledger (as UNKNOWN_ITEM); nothing
		// else
		Snapshot expected = (status == 404 && fuzz.kind() == Kind.UNKNOWN_ITEM) ? this.last.plusRefusal() : this.last;
		if (!now.equals(expected)) {
			this.tally.stateChange();
		}
		assertThat(now).as(what + ": no item or ledger row changed").isEqualTo(expected);
		this.last = now;
	}

	@Provide
	Arbitrary<Case> cases() {
		return Arbitraries.frequencyOf(Tuple.of(8, batches().map((body) -> Case.operations(Kind.VALID, body))),
				Tuple.of(3,
						Combinators.combine(item(), quantities(0, 1_000_000_000L))
							.as((item, body) -> Case.set(Kind.VALID, item, body))),
				Tuple.of(2,
						Combinators.combine(item(), quantities(1, 1_000_000))
							.as((item, body) -> Case.restock(Kind.VALID, item, body))),
				Tuple.of(10, invalidBatches().map((body) -> Case.operations(Kind.INVALID_VALUES, body))),
				Tuple.of(3,
						Combinators.combine(item(), badQuantities())
							.as((item, body) -> Case.set(Kind.INVALID_VALUES, item, body))),
				Tuple.of(2,
						Combinators.combine(HostileJson.badIds(200).filter(HostileInputFuzzTests::tomcatPassesInPath),
								quantities(0, 10))
							.as((id, body) -> Case.set(Kind.INVALID_VALUES, id, body))),
				Tuple.of(2, invalidBulks().map((body) -> Case.bulk(Kind.INVALID_VALUES, body))),
				Tuple.of(2, quantities(1, 10).map((body) -> Case.restock(Kind.UNKNOWN_ITEM, "{run}", body))),
				Tuple.of(8, wrongTypes().map((body) -> Case.operations(Kind.WRONG_TYPES, body))),
				Tuple.of(3,
						Combinators.combine(item(), HostileJson.badWholeNumbers(0, 1_000_000_000_000_000_000L))
							.as((item, value) -> Case.set(Kind.WRONG_TYPES, item, "{\"quantity\": " + value + "}"))),
				Tuple.of(5, unknownFields().map((body) -> Case.operations(Kind.UNKNOWN_FIELD, body))),
				Tuple.of(6, HostileJson.documents().map((body) -> Case.operations(Kind.RANDOM_JSON, body))),
				Tuple.of(3,
						Combinators.combine(item(), HostileJson.objectsWithKeys("quantity", "items"))
							.as((item, body) -> Case.set(Kind.RANDOM_JSON, item, body))),
				Tuple.of(6, HostileJson.broken(batches()).map((body) -> Case.operations(Kind.BROKEN_JSON, body))),
				Tuple.of(5,
						HostileJson.garbage().map((body) -> Case.raw(Kind.GARBAGE, "POST", "/stock/operations", body))),
				Tuple.of(3,
						HostileJson.notUtf8(batches())
							.map((body) -> Case.raw(Kind.NOT_UTF8, "POST", "/stock/operations", body))),
				Tuple.of(1,
						Combinators
							.combine(Arbitraries.integers().between(MAX_BODY + 1, MAX_BODY + 100_000),
									Arbitraries.of(true, false))
							.as((size, chunked) -> new Case(Kind.OVERSIZED, "POST", "/stock/operations",
									"application/json", oversized(size), chunked, null))),
				Tuple.of(4, Combinators
					.combine(Arbitraries.oneOf(batches().map(HostileInputFuzzTests::bytes), HostileJson.garbage()),
							HostileJson.notJsonContentTypes(),
							Arbitraries.of("POST /stock/operations", "PUT /stock/fuzz-a", "PUT /stock",
									"POST /stock/fuzz-a/restock"))
					.as((body, type, target) -> new Case(Kind.WRONG_CONTENT_TYPE,
							target.substring(0, target.indexOf(' ')), target.substring(target.indexOf(' ') + 1), type,
							body, false, null))),
				Tuple.of(2,
						Combinators.combine(batches(), HostileJson.oddJsonContentTypes())
							.as((body, type) -> new Case(Kind.ODD_CONTENT_TYPE, "POST", "/stock/operations", type,
									bytes(body), false, null))),
				Tuple.of(2,
						Combinators.combine(batches(), Arbitraries.of("text/html", "image/png", "application/xml"))
							.as((body, accept) -> new Case(Kind.NOT_ACCEPTABLE, "POST", "/stock/operations",
									"application/json", bytes(body), false, accept))),
				Tuple.of(2, Combinators
					.combine(batches(),
							Arbitraries.of("PATCH /stock/operations", "DELETE /stock/fuzz-a", "PATCH /stock/fuzz-a",
									"POST /stock/fuzz-a", "DELETE /stock"))
					.as((body, target) -> new Case(Kind.WRONG_METHOD, target.substring(0, target.indexOf(' ')),
							target.substring(target.indexOf(' ') + 1), "application/json", bytes(body), false, null))));
	}

	// ---------------------------------------------------------------- generators

	private static final AtomicLong FRESH_IDS = new AtomicLong();

	private static Arbitrary<String> item() {
		return Arbitraries.of(ITEMS);
	}

	/** Valid operations: fresh operation ids, stocked or unknown items, 1 to 10 units. */
	private static Arbitrary<String> operations() {
		Arbitrary<String> items = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ITEMS)),
				Tuple.of(1, HostileJson.ids(200)));
		return Combinators.combine(Arbitraries.of("Retract", "Restore"),
				// fresh: an id recorded for another item refuses the whole request (409)
				HostileJson.ids(250).map((id) -> id + "#" + FRESH_IDS.incrementAndGet()), items,
				Arbitraries.integers().between(1, 10))
			.as((type, operationId, itemId, quantity) -> operation(type, HostileJson.quote(operationId),
					HostileJson.quote(itemId), String.valueOf(quantity)));
	}

	private static String operation(String type, String operationId, String itemId, String quantity) {
		return "{\"type\": \"" + type + "\", \"operationId\": " + operationId + ", \"itemId\": " + itemId
				+ ", \"quantity\": " + quantity + "}";
	}

	private static Arbitrary<String> batches() {
		return operations().list().ofMinSize(1).ofMaxSize(8).map(HostileInputFuzzTests::array);
	}

	private static String array(List<String> elements) {
		return "[" + String.join(", ", elements) + "]";
	}

	private static Arbitrary<String> quantities(long min, long max) {
		return Arbitraries.longs().between(min, max).map((quantity) -> "{\"quantity\": " + quantity + "}");
	}

	/** Well-formed batches of the right types that break a rule: 400. */
	private static Arbitrary<String> invalidBatches() {
		Arbitrary<String> badOperation = Arbitraries.oneOf(
				Combinators.combine(HostileJson.badIds(300), Arbitraries.of(ITEMS))
					.as((id, item) -> operation("Retract", HostileJson.quote(id), HostileJson.quote(item), "1")),
				HostileJson.badIds(200)
					.map((id) -> operation("Restore", HostileJson.quote("op-x"), HostileJson.quote(id), "1")),
				Arbitraries
					.oneOf(Arbitraries.integers().between(Integer.MIN_VALUE, 0),
							Arbitraries.integers().between(1_000_001, Integer.MAX_VALUE))
					.map((quantity) -> operation("Retract", "\"op-q\"", "\"fuzz-a\"", String.valueOf(quantity))),
				Arbitraries.just("null"), Arbitraries.just(operation("Retract", "null", "\"fuzz-a\"", "1")));
		Arbitrary<String> withOneBad = Combinators
			.combine(operations().list().ofMaxSize(5), badOperation, Arbitraries.integers().between(0, 5))
			.as((good, bad, at) -> {
				List<String> all = new ArrayList<>(good);
				all.add(Math.min(at, all.size()), bad);
				return array(all);
			});
		Arbitrary<String> tooMany = Arbitraries.integers()
			.between(1001, 1050)
			.map((count) -> array(
					java.util.Collections.nCopies(count, operation("Retract", "\"op-many\"", "\"fuzz-a\"", "1"))));
		return Arbitraries.frequencyOf(Tuple.of(8, withOneBad), Tuple.of(1, Arbitraries.just("[]")),
				Tuple.of(1, tooMany));
	}

	private static Arbitrary<String> badQuantities() {
		return Arbitraries
			.oneOf(Arbitraries.longs().between(Long.MIN_VALUE, -1),
					Arbitraries.longs().between(1_000_000_000_000_000_001L, Long.MAX_VALUE), Arbitraries.just("null"))
			.map((quantity) -> "{\"quantity\": " + quantity + "}");
	}

	private static Arbitrary<String> invalidBulks() {
		return Arbitraries.oneOf(Arbitraries.of("{\"items\": {}}", "{\"items\": null}", "{}"),
				HostileJson.badIds(200).map((id) -> "{\"items\": {" + HostileJson.quote(id) + ": 5}}"),
				Arbitraries.longs()
					.between(Long.MIN_VALUE, -1)
					.map((quantity) -> "{\"items\": {\"fuzz-a\": " + quantity + "}}"));
	}

	/** Batches with a value of the wrong JSON type somewhere, or not a batch at all. */
	private static Arbitrary<String> wrongTypes() {
		return Arbitraries.oneOf(
				HostileJson.notStrings().map((value) -> array(List.of(operation("Retract", value, "\"fuzz-a\"", "1")))),
				HostileJson.notStrings().map((value) -> array(List.of(operation("Restore", "\"o\"", value, "1")))),
				HostileJson.badWholeNumbers(1, 1_000_000)
					.map((value) -> array(List.of(operation("Retract", "\"o\"", "\"fuzz-a\"", value)))),
				Arbitraries.of("Steal", "retract", "", "Retracted")
					.map((type) -> array(List.of(operation(type, "\"o\"", "\"fuzz-a\"", "1")))),
				Arbitraries
					.of("{}", "{\"operationId\": \"o\", \"itemId\": \"fuzz-a\", \"quantity\": 1}", "1", "\"x\"", "[]")
					.map((element) -> "[" + element + "]"),
				Arbitraries.of("{}", "\"operations\"", "42", "true",
						"{\"type\": \"Retract\", \"operationId\": \"o\", \"itemId\": \"fuzz-a\", \"quantity\": 1}"),
				Arbitraries.just("[{\"type\": \"Retract\", \"type\": \"Restore\", \"operationId\": \"o\", "
						+ "\"itemId\": \"fuzz-a\", \"quantity\": 1}]"));
	}

	private static Arbitrary<String> unknownFields() {
		return Combinators
			.combine(
					Arbitraries.strings()
						.ofMinLength(1)
						.ofMaxLength(12)
						.filter((name) -> !List.of("type", "operationId", "itemId", "quantity").contains(name)),
					HostileJson.documents())
			.as((name, value) -> "[{\"type\": \"Retract\", \"operationId\": \"o\", \"itemId\": \"fuzz-a\", "
					+ "\"quantity\": 1, " + HostileJson.quote(name) + ": " + value + "}]");
	}

	private static byte[] oversized(int size) {
		String head = "[{\"type\": \"Retract\", \"operationId\": \"o\", \"itemId\": \"fuzz-a\", \"quantity\": 1, \"pad\": \"";
		return bytes(head + "x".repeat(size - head.length()) + "\"}]");
	}

	// ---------------------------------------------------------------- checks

	/** Everything a rejected request must leave as it was. */
	record Snapshot(long items, long quantities, long versions, long operations) {

		Snapshot plusRefusal() {
			return new Snapshot(this.items, this.quantities, this.versions, this.operations + 1);
		}

	}

	private static Snapshot snapshot() {
		return jdbc
			.sql("SELECT (SELECT COUNT(*) FROM stock_item), (SELECT COALESCE(SUM(quantity), 0) FROM stock_item),"
					+ " (SELECT COALESCE(SUM(version), 0) FROM stock_item), (SELECT COUNT(*) FROM stock_operation)")
			.query((row, number) -> new Snapshot(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)))
			.single();
	}

	/**
	 * Whether Tomcat hands a path segment on to the service at all: it refuses an encoded
	 * {@code /}, {@code \} or NUL itself, with its own plain 400 page, before Spring sees
	 * the request (an empty one is another path).
	 */
	private static boolean tomcatPassesInPath(String id) {
		return !id.isEmpty() && id.indexOf('/') < 0 && id.indexOf('\\') < 0 && id.indexOf('\u0000') < 0;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String shorten(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	// ---------------------------------------------------------------- cases

	enum Kind {

		VALID(200), INVALID_VALUES(400), UNKNOWN_ITEM(404), WRONG_TYPES(400), UNKNOWN_FIELD(400), RANDOM_JSON(0),
		BROKEN_JSON(400), GARBAGE(400), NOT_UTF8(400), OVERSIZED(413), WRONG_CONTENT_TYPE(415), ODD_CONTENT_TYPE(0),
		NOT_ACCEPTABLE(406), WRONG_METHOD(405);

		private final int expected;

		Kind(int expected) {
			this.expected = expected;
		}

		/**
		 * @return the status a case must get, 0 for any 2xx or 4xx; 200 for any 2xx
		 */
		int expected() {
			return this.expected;
		}

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * One generated request.
	 *
	 * @param kind what kind of input
	 * @param method the HTTP method
	 * @param path the path; {@code {run}} becomes a new item id
	 * @param contentType the Content-Type, null for none
	 * @param body the body
	 * @param chunked whether the body goes without a Content-Length
	 * @param accept the Accept header, null for the client's default
	 */
	record Case(Kind kind, String method, String path, String contentType, byte[] body, boolean chunked,
			String accept) {

		static Case operations(Kind kind, String body) {
			return raw(kind, "POST", "/stock/operations", bytes(body));
		}

		static Case set(Kind kind, String itemId, String body) {
			return raw(kind, "PUT", "/stock/" + path(itemId), bytes(body));
		}

		static Case restock(Kind kind, String itemId, String body) {
			return raw(kind, "POST", "/stock/" + path(itemId) + "/restock", bytes(body));
		}

		static Case bulk(Kind kind, String body) {
			return raw(kind, "PUT", "/stock", bytes(body));
		}

		static Case raw(Kind kind, String method, String path, byte[] body) {
			return new Case(kind, method, path, "application/json", body, false, null);
		}

		private static String path(String itemId) {
			return itemId.equals("{run}") ? itemId : UriUtils.encodePathSegment(itemId, StandardCharsets.UTF_8)
				// a bare ";" would start a path parameter
				.replace(";", "%3B");
		}

		@Override
		public String toString() {
			String text = new String(this.body, StandardCharsets.UTF_8);
			return this.kind.tag() + " " + this.method + " type=" + this.contentType + " chunked=" + this.chunked
					+ " accept=" + this.accept + " body=" + shorten(text)
					+ ((this.kind == Kind.GARBAGE || this.kind == Kind.NOT_UTF8)
							? " (hex: " + HexFormat.of().formatHex(this.body) + ")" : "");
		}

	}

}
