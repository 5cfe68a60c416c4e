package org.checkoutsaga.receipt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

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
import org.checkoutsaga.receipt.ReceiptsClient.Answer;
import org.checkoutsaga.support.testing.FuzzTally;
import org.checkoutsaga.support.testing.FuzzTries;
import org.checkoutsaga.support.testing.HostileJson;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@code PUT /receipts/{checkoutId}} of a running service (real HTTP, an H2 file)
 * with generated requests of many kinds, valid and not: never a 5xx; every 4xx is an
 * {@code application/problem+json} with a title and the status the kind calls for; a
 * rejected request stores, cancels and changes nothing (the receipt rows are counted
 * before and after), and a repeat of a stored receipt stores nothing more.
 * {@code -Dfuzz.tries=N} runs N cases instead of the {@code @Property}'s tries; the
 * property prints a {@code FUZZ ...} line with its counts.
 */
class HostileInputFuzzTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final AtomicLong ids = new AtomicLong();

	private static final int MAX_BODY = 128 * 1024;

	private static ConfigurableApplicationContext service;

	private static ReceiptsClient receipts;

	private static JdbcClient jdbc;

	private final List<String> stored = new ArrayList<>();

	private FuzzTally tally;

	private Snapshot last;

	@BeforeContainer
	static void start() {
		service = ReceiptServiceApplication.builder()
			.run("--server.port=0", "--spring.config.import=classpath:test-api-clients.yml",
					"--spring.datasource.url=jdbc:h2:file:./target/test-db/fuzz-" + RUN
							+ "/receipt-service;WRITE_DELAY=0",
					"--receipt.group-commit.sync-to-disk=false",
					// the limit the oversized cases are made for (the default holds a
					// batch)
					"--receipt.max-body-size=" + MAX_BODY + "B");
		receipts = new ReceiptsClient(((WebServerApplicationContext) service).getWebServer().getPort());
		jdbc = service.getBean(JdbcClient.class);
	}

	@AfterContainer
	static void stop() {
		if (service != null) {
			service.close();
		}
	}

	@BeforeProperty
	void baseline() {
		this.tally = new FuzzTally("receipt-rest");
		this.last = snapshot();
	}

	@AfterProperty
	void report() {
		System.out.println(this.tally.summary());
	}

	@Property(tries = 600, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
	@AddLifecycleHook(FuzzTries.class)
	void neverAnswers5xxAndRejectedRequestsChangeNothing(@ForAll("cases") Case fuzz) {
		String checkoutId = "fuzz-" + RUN + "-" + ids.incrementAndGet();
		if (fuzz.kind() == Kind.REPEAT && !this.stored.isEmpty()) {
			checkoutId = this.stored.get(Math.floorMod(fuzz.hashCode(), this.stored.size()));
		}
		String path = fuzz.path().replace("{run}", checkoutId);
		byte[] body = new String(fuzz.body(), StandardCharsets.ISO_8859_1).replace("{run}", checkoutId)
			.getBytes(StandardCharsets.ISO_8859_1);
		Answer answer = receipts.send(fuzz.method(), path, fuzz.contentType(), body, fuzz.chunked(),
				(fuzz.accept() != null) ? Map.of("Accept", fuzz.accept()) : Map.of());
		int status = answer.status();
		Kind kind = (fuzz.kind() == Kind.REPEAT && !this.stored.contains(checkoutId)) ? Kind.VALID : fuzz.kind();
		this.tally.count(kind.tag(), String.valueOf(status));
		String what = fuzz + " " + path + " -> " + status + " " + answer.body();
		assertThat(status).as(what).isLessThan(500);
		Snapshot now = snapshot();
		if (status < 400) {
			assertThat(status).as(what).isEqualTo((kind == Kind.REPEAT) ? 200 : 201);
			assertThat(now).as(what).isEqualTo((kind == Kind.REPEAT) ? this.last : this.last.plusOne());
			if (kind == Kind.VALID) {
				this.stored.add(checkoutId);
			}
			this.last = now;
			return;
		}
		assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
		assertThat(answer.body().path("title").asString("")).as(what).isNotBlank();
		assertThat(answer.body().path("status").asInt()).as(what).isEqualTo(status);
		if (kind.expected() > 0) {
			assertThat(status).as(what).isEqualTo(kind.expected());
		}
		if (!now.equals(this.last)) {
			this.tally.stateChange();
		}
		assertThat(now).as(what + ": nothing stored or changed").isEqualTo(this.last);
	}

	@Provide
	Arbitrary<Case> cases() {
		return Arbitraries.frequencyOf(Tuple.of(10, receipts(false).map((body) -> Case.put(Kind.VALID, body))),
				Tuple.of(4, receipts(true).map((body) -> Case.put(Kind.REPEAT, body))),
				Tuple.of(12, invalidValues().map((body) -> Case.put(Kind.INVALID_VALUES, body))),
				Tuple.of(3, Combinators
					.combine(HostileJson.badIds(200).filter(HostileInputFuzzTests::tomcatPassesInPath), receipts(false))
					.as((id, body) -> new Case(Kind.INVALID_VALUES, "PUT",
							"/receipts/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8).replace(";", "%3B"),
							"application/json", bytes(body), false, null))),
				Tuple.of(10, wrongTypes().map((body) -> Case.put(Kind.WRONG_TYPES, body))),
				Tuple.of(5, unknownFields().map((body) -> Case.put(Kind.UNKNOWN_FIELD, body))), Tuple.of(6, Arbitraries
					.oneOf(HostileJson.documents(),
							HostileJson.objectsWithKeys("checkoutId", "userId", "items", "itemId", "quantity",
									"clientTimestamp"))
					.map((body) -> Case.put(Kind.RANDOM_JSON, body))),
				Tuple.of(6, HostileJson.broken(receipts(false)).map((body) -> Case.put(Kind.BROKEN_JSON, body))),
				Tuple.of(5, HostileJson.garbage().map((body) -> Case.raw(Kind.GARBAGE, body))),
				Tuple.of(3, HostileJson.notUtf8(receipts(false)).map((body) -> Case.raw(Kind.NOT_UTF8, body))),
				Tuple.of(2, Combinators
					.combine(Arbitraries.integers().between(MAX_BODY + 1, 4 * MAX_BODY), Arbitraries.of(true, false))
					.as((size, chunked) -> new Case(Kind.OVERSIZED, "PUT", "/receipts/{run}", "application/json",
							oversized(size), chunked, null))),
				Tuple.of(4,
						Combinators
							.combine(
									Arbitraries.oneOf(receipts(false),
											HostileJson.garbage()
												.map((garbage) -> new String(garbage, StandardCharsets.ISO_8859_1))),
									HostileJson.notJsonContentTypes())
							.as((body, type) -> new Case(Kind.WRONG_CONTENT_TYPE, "PUT", "/receipts/{run}", type,
									bytes(body), false, null))),
				Tuple.of(2,
						Combinators.combine(receipts(false), HostileJson.oddJsonContentTypes())
							.as((body, type) -> new Case(Kind.ODD_CONTENT_TYPE, "PUT", "/receipts/{run}", type,
									bytes(body), false, null))),
				Tuple.of(2,
						Combinators.combine(receipts(false), Arbitraries.of("text/html", "image/png"))
							.as((body, accept) -> new Case(Kind.NOT_ACCEPTABLE, "PUT", "/receipts/{run}",
									"application/json", bytes(body), false, accept))),
				Tuple.of(2, Combinators
					.combine(receipts(false),
							Arbitraries.of("POST /receipts/{run}", "PATCH /receipts/{run}", "DELETE /receipts",
									"PUT /receipts"))
					.as((body, target) -> new Case(Kind.WRONG_METHOD, target.substring(0, target.indexOf(' ')),
							target.substring(target.indexOf(' ') + 1), "application/json", bytes(body), false, null))));
	}

	// ---------------------------------------------------------------- generators

	private static Arbitrary<List<String>> items(int min, int max) {
		return Combinators.combine(HostileJson.ids(40), Arbitraries.longs().between(1, 1_000_000))
			.as((itemId, quantity) -> item(HostileJson.quote(itemId), String.valueOf(quantity)))
			.list()
			.ofMinSize(min)
			.ofMaxSize(max);
	}

	private static String item(String itemId, String quantity) {
		return "{\"itemId\": " + itemId + ", \"quantity\": " + quantity + "}";
	}

	private static String receipt(String checkoutId, String userId, String items, String clientTimestamp) {
		StringBuilder body = new StringBuilder("{");
		if (checkoutId != null) {
			body.append("\"checkoutId\": ").append(checkoutId).append(", ");
		}
		if (userId != null) {
			body.append("\"userId\": ").append(userId).append(", ");
		}
		if (items != null) {
			body.append("\"items\": ").append(items).append(", ");
		}
		if (clientTimestamp != null) {
			body.append("\"clientTimestamp\": ").append(clientTimestamp).append(", ");
		}
		return ((body.length() > 1) ? body.substring(0, body.length() - 2) : body.toString()) + "}";
	}

	/**
	 * Valid receipts, with or without the checkout id of the path; any user, items and
	 * timestamp.
	 * @param anyContent whether the content may differ from what was stored (a repeat)
	 */
	private static Arbitrary<String> receipts(boolean anyContent) {
		return Combinators
			.combine(Arbitraries.of(true, false), HostileJson.ids(40), items(1, 5),
					Arbitraries.longs().between(0, Long.MAX_VALUE))
			.as((withId, userId, items, timestamp) -> receipt(withId ? "\"{run}\"" : null, HostileJson.quote(userId),
					"[" + String.join(", ", items) + "]", String.valueOf(timestamp)));
	}

	/** Well-formed receipts of the right types that break a rule: 400. */
	private static Arbitrary<String> invalidValues() {
		Arbitrary<String> goodItems = items(1, 3).map((items) -> "[" + String.join(", ", items) + "]");
		return Arbitraries.oneOf(
				Combinators.combine(HostileJson.badIds(200), goodItems)
					.as((id, items) -> receipt(null, HostileJson.quote(id), items, "1")),
				Combinators.combine(HostileJson.badIds(200), Arbitraries.longs().between(1, 10))
					.as((id, quantity) -> receipt(null, "\"u\"", "[" + item(HostileJson.quote(id), "1") + "]", "1")),
				Arbitraries
					.oneOf(Arbitraries.longs().between(Long.MIN_VALUE, 0),
							Arbitraries.longs().between(1_000_001, Long.MAX_VALUE))
					.map((quantity) -> receipt(null, "\"u\"", "[" + item("\"a\"", String.valueOf(quantity)) + "]",
							"1")),
				goodItems.map((items) -> receipt("\"another-checkout\"", "\"u\"", items, "1")),
				goodItems.map((items) -> receipt(null, null, items, "1")),
				goodItems.map((items) -> receipt(null, "\"u\"", items, null)),
				Combinators.combine(goodItems, Arbitraries.longs().between(Long.MIN_VALUE, -1))
					.as((items, timestamp) -> receipt(null, "\"u\"", items, String.valueOf(timestamp))),
				Arbitraries.of("[]", "null").map((items) -> receipt(null, "\"u\"", items, "1")),
				Arbitraries.just(receipt(null, "\"u\"", null, "1")),
				Arbitraries.just(receipt(null, "\"u\"", "[null]", "1")),
				items(101, 120).map((items) -> receipt(null, "\"u\"", "[" + String.join(", ", items) + "]", "1")));
	}

	/** A value of the wrong JSON type somewhere, or not a receipt at all: 400. */
	private static Arbitrary<String> wrongTypes() {
		String items = "[" + item("\"a\"", "1") + "]";
		return Arbitraries.oneOf(HostileJson.notStrings().map((value) -> receipt(null, value, items, "1")),
				HostileJson.notStrings().map((value) -> receipt(value, "\"u\"", items, "1")),
				HostileJson.notStrings().map((value) -> receipt(null, "\"u\"", "[" + item(value, "1") + "]", "1")),
				HostileJson.badWholeNumbers(1, 1_000_000)
					.map((value) -> receipt(null, "\"u\"", "[" + item("\"a\"", value) + "]", "1")),
				HostileJson.badWholeNumbers(0, Long.MAX_VALUE)
					.filter((value) -> !value.matches("\\d+"))
					.map((value) -> receipt(null, "\"u\"", items, value)),
				Arbitraries.of("\"x\"", "5", "{}", "true", "[1]", "[\"a\"]")
					.map((value) -> receipt(null, "\"u\"", value, "1")),
				Arbitraries.of("[]", "\"receipt\"", "42", "null", "true"), Arbitraries
					.just("{\"userId\": \"u\", \"userId\": \"v\", \"items\": " + items + ", \"clientTimestamp\": 1}"));
	}

	private static Arbitrary<String> unknownFields() {
		return Combinators
			.combine(Arbitraries.strings()
				.ofMinLength(1)
				.ofMaxLength(12)
				.filter((name) -> !List.of("checkoutId", "userId", "items", "itemId", "quantity", "clientTimestamp")
					.contains(name)), HostileJson.documents(), Arbitraries.of(true, false))
			.as((name, value,
					inItem) -> inItem
							? receipt(null, "\"u\"",
									"[{\"itemId\": \"a\", \"quantity\": 1, " + HostileJson.quote(name) + ": " + value
											+ "}]",
									"1")
							: "{" + HostileJson.quote(name) + ": " + value + ", "
									+ receipt(null, "\"u\"", "[" + item("\"a\"", "1") + "]", "1").substring(1));
	}

	private static byte[] oversized(int size) {
		String head = "{\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}], \"clientTimestamp\": 1, \"pad\": \"";
		return bytes(head + "x".repeat(size - head.length()) + "\"}");
	}

	// ---------------------------------------------------------------- checks

	/** Every receipt row, the live ones, the cancelled ones (and tombstones). */
	record Snapshot(long rows, long live, long cancelled) {

		Snapshot plusOne() {
			return new Snapshot(this.rows + 1, this.live + 1, this.cancelled);
		}

	}

	private static Snapshot snapshot() {
		return jdbc
			.sql("SELECT COUNT(*), COUNT(CASE WHEN cancelled_at IS NULL THEN 1 END), COUNT(cancelled_at) FROM receipt")
			.query((row, number) -> new Snapshot(row.getLong(1), row.getLong(2), row.getLong(3)))
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

	// ---------------------------------------------------------------- cases

	enum Kind {

		VALID(201), REPEAT(200), INVALID_VALUES(400), WRONG_TYPES(400), UNKNOWN_FIELD(400), RANDOM_JSON(0),
		BROKEN_JSON(400), GARBAGE(400), NOT_UTF8(400), OVERSIZED(413), WRONG_CONTENT_TYPE(415), ODD_CONTENT_TYPE(0),
		NOT_ACCEPTABLE(406), WRONG_METHOD(405);

		private final int expected;

		Kind(int expected) {
			this.expected = expected;
		}

		/**
		 * @return the status a case must get, 0 for any 2xx or 4xx
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
	 * @param path the path; {@code {run}} becomes the checkout id of the case
	 * @param contentType the Content-Type, null for none
	 * @param body the body; {@code {run}} becomes the checkout id of the case
	 * @param chunked whether the body goes without a Content-Length
	 * @param accept the Accept header, null for the client's default
	 */
	record Case(Kind kind, String method, String path, String contentType, byte[] body, boolean chunked,
			String accept) {

		static Case put(Kind kind, String body) {
			return raw(kind, bytes(body));
		}

		static Case raw(Kind kind, byte[] body) {
			return new Case(kind, "PUT", "/receipts/{run}", "application/json", body, false, null);
		}

		@Override
		public String toString() {
			String text = new String(this.body, StandardCharsets.UTF_8);
			return this.kind.tag() + " " + this.method + " type=" + this.contentType + " chunked=" + this.chunked
					+ " accept=" + this.accept + " body=" + ((text.length() <= 300) ? text : text.substring(0, 300))
					+ ((this.kind == Kind.GARBAGE || this.kind == Kind.NOT_UTF8)
							? " (hex: " + HexFormat.of().formatHex(this.body) + ")" : "");
		}

	}

}
