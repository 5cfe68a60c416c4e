package org.checkoutsaga.receipt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutsaga.receipt.ReceiptsClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.CLIENT_TIMESTAMP;
import static org.checkoutsaga.receipt.ReceiptRequests.item;
import static org.checkoutsaga.receipt.ReceiptRequests.items;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItemsBody;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * The whole service over real HTTP, on an H2 file database of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ReceiptApiTests {

	/** A fresh folder per run; {@code mvn clean} removes it. */
	private static final Path DATA = Path.of("target", "test-db", "api-" + UUID.randomUUID()).toAbsolutePath();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:file:" + DATA.resolve("receipt-service") + ";WRITE_DELAY=0");
	}

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meterRegistry;

	private ReceiptsClient receipts;

	@BeforeEach
	void connect() {
		this.receipts = new ReceiptsClient(this.port);
	}

	@Test
	void readinessIncludesTheDatabaseAndMetricsCarryTheServiceTag() {
		String readiness = this.receipts.getText("/actuator/health/readiness");
		assertThat(readiness).contains("\"db\":{", "\"database\":\"H2\"").doesNotContain("DOWN");
		String scrape = this.receipts.getText("/actuator/prometheus");
		assertThat(scrape).contains("service=\"receipt-service\"");
	}

	@Test
	void storesANewReceiptWith201AndItsLocation() {
		String checkoutId = newCheckoutId();
		long before = System.currentTimeMillis();

		Answer answer = this.receipts.put(checkoutId, twoItemsBody(checkoutId));

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.location()).hasValueSatisfying((location) -> assertThat(location)
			.isEqualTo("http://localhost:" + this.port + "/receipts/" + checkoutId));
		UUID receiptId = UUID.fromString(answer.receiptId());
		assertThat(receiptId.version()).as("time-ordered receipt ids").isEqualTo(7);
		assertThat(receiptId.getMostSignificantBits() >>> 16).as("its milliseconds")
			.isBetween(before, System.currentTimeMillis());
		assertThat(answer.body().get("checkoutId").asString()).isEqualTo(checkoutId);
		assertThat(answer.body().get("userId").asString()).isEqualTo("user-1");
		assertThat(answer.body().get("items").get(0).get("itemId").asString()).isEqualTo("item-a");
		assertThat(answer.body().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
		assertThat(answer.body().get("items")).hasSize(2);
		assertThat(answer.body().get("clientTimestamp").asLong()).isEqualTo(CLIENT_TIMESTAMP);
		assertThat(answer.body().get("createdAt").asLong()).isBetween(before, System.currentTimeMillis());
	}

	@Test
	void answersARepeatWith200AndTheReceiptStoredFirst() {
		String checkoutId = newCheckoutId();
		Answer first = this.receipts.put(checkoutId, twoItemsBody(checkoutId));
		Map<String, Object> repeat = twoItemsBody(checkoutId);
		repeat.remove("checkoutId");
		repeat.put("userId", "someone-else");

		Answer second = this.receipts.put(checkoutId, repeat);

		assertThat(second.status()).isEqualTo(200);
		assertThat(second.location()).isEmpty();
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(rowsFor(checkoutId)).isOne();
	}

	@Test
	void storesExactlyOneReceiptWhenFiftyDuplicatesArriveConcurrently() {
		String checkoutId = newCheckoutId();
		long countBefore = this.receipts.count();

		List<CompletableFuture<Answer>> pending = IntStream.range(0, 50)
			.mapToObj((i) -> this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)))
			.toList();
		List<Answer> answers = pending.stream().map(CompletableFuture::join).toList();

		assertThat(answers).extracting(Answer::status).containsOnly(200, 201);
		assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(1);
		assertThat(answers).extracting(Answer::receiptId).containsOnly(answers.get(0).receiptId());
		assertThat(rowsFor(checkoutId)).isOne();
		assertThat(this.receipts.count()).isEqualTo(countBefore + 1);
	}

	@Test
	void findsAStoredReceipt() {
		String checkoutId = newCheckoutId();
		Answer stored = this.receipts.put(checkoutId, twoItemsBody(checkoutId));

		Answer found = this.receipts.get(checkoutId);

		assertThat(found.status()).isEqualTo(200);
		assertThat(found.body()).isEqualTo(stored.body());
	}

	@Test
	void answers404ProblemForACheckoutWithoutReceipt() {
		Answer answer = this.receipts.get(newCheckoutId());

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("status").asInt()).isEqualTo(404);
	}

	@Test
	void countsEveryStoredReceiptOnce() {
		long before = this.receipts.count();
		String first = newCheckoutId();
		String second = newCheckoutId();

		this.receipts.put(first, twoItemsBody(first));
		this.receipts.put(second, twoItemsBody(second));
		this.receipts.put(first, twoItemsBody(first));

		assertThat(this.receipts.count()).isEqualTo(before + 2);
	}

	@Test
	void logsGenerateReceiptAndRecordsTheEndToEndLatencyOfANewReceipt(CapturedOutput output) {
		String checkoutId = newCheckoutId();
		long timedBefore = latencyTimerCount();

		Answer answer = this.receipts.put(checkoutId, twoItemsBody(checkoutId));
		this.receipts.put(checkoutId, twoItemsBody(checkoutId));

		long latencyMs = answer.body().get("createdAt").asLong() - CLIENT_TIMESTAMP;
		String line = "GenerateReceipt checkoutId=" + checkoutId + " receiptId=" + answer.receiptId() + " latencyMs="
				+ latencyMs;
		assertThat(output.getOut()).containsOnlyOnce(line);
		assertThat(latencyTimerCount()).isEqualTo(timedBefore + 1);
	}

	@ParameterizedTest
	@MethodSource("invalidRequests")
	void rejectsAnInvalidRequestWith400NamingTheFieldAndStoresNothing(String pathCheckoutId, Map<String, Object> body,
			String field) {
		long countBefore = this.receipts.count();

		Answer answer = this.receipts.put(pathCheckoutId, body);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.errorFields()).contains(field);
		assertThat(this.receipts.count()).isEqualTo(countBefore);
	}

	static Stream<Arguments> invalidRequests() {
		String id = "checkout-invalid";
		return Stream.of(argumentSet("missing userId", id, without(twoItemsBody(id), "userId"), "userId"),
				argumentSet("blank userId", id, with(twoItemsBody(id), "userId", "  "), "userId"),
				argumentSet("userId over 200 characters", id, with(twoItemsBody(id), "userId", "u".repeat(201)),
						"userId"),
				argumentSet("userId with a control character", id, with(twoItemsBody(id), "userId", "user\u0007"),
						"userId"),
				argumentSet("checkoutId of the body differs from the path", id,
						with(twoItemsBody(id), "checkoutId", "checkout-other"), "checkoutId"),
				argumentSet("blank checkoutId", " ", twoItemsBody(" "), "checkoutId"),
				argumentSet("checkoutId over 200 characters", "c".repeat(201), twoItemsBody("c".repeat(201)),
						"checkoutId"),
				argumentSet("missing items", id, without(twoItemsBody(id), "items"), "items"),
				argumentSet("no items", id, with(twoItemsBody(id), "items", List.of()), "items"),
				argumentSet("more items than allowed", id, with(twoItemsBody(id), "items", items(101)), "items"),
				argumentSet("item quantity zero", id, with(twoItemsBody(id), "items", List.of(item("item-a", 0))),
						"items[0].quantity"),
				argumentSet("item quantity negative", id,
						with(twoItemsBody(id), "items", List.of(item("item-a", 1), item("item-b", -1))),
						"items[1].quantity"),
				argumentSet("item quantity over a million", id,
						with(twoItemsBody(id), "items", List.of(item("item-a", 1_000_001))), "items[0].quantity"),
				argumentSet("missing item quantity", id, with(twoItemsBody(id), "items", List.of(item("item-a", null))),
						"items[0].quantity"),
				argumentSet("blank itemId", id, with(twoItemsBody(id), "items", List.of(item("", 1))),
						"items[0].itemId"),
				argumentSet("missing clientTimestamp", id, without(twoItemsBody(id), "clientTimestamp"),
						"clientTimestamp"),
				argumentSet("negative clientTimestamp", id, with(twoItemsBody(id), "clientTimestamp", -1),
						"clientTimestamp"));
	}

	@Test
	void rejectsMalformedJsonWith400AndStoresNothing() {
		String checkoutId = newCheckoutId();

		Answer answer = this.receipts.put(checkoutId, "{\"checkoutId\": \"" + checkoutId + "\", \"userId\":");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("detail").asString()).contains("Malformed JSON");
		assertThat(this.receipts.get(checkoutId).status()).isEqualTo(404);
	}

	@Test
	void rejectsAValueOfTheWrongTypeNamingItsField() {
		String checkoutId = newCheckoutId();

		Answer answer = this.receipts.put(checkoutId,
				with(twoItemsBody(checkoutId), "items", List.of(item("item-a", "many"))));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorFields()).containsExactly("items[0].quantity");
		assertThat(this.receipts.get(checkoutId).status()).isEqualTo(404);
	}

	@Test
	void namesAnUnknownFieldInsteadOfIgnoringIt() {
		String checkoutId = newCheckoutId();
		Map<String, Object> body = twoItemsBody(checkoutId);
		body.put("note", "gift");
		Map<String, Object> typo = twoItemsBody(checkoutId);
		typo.put("items", List.of(Map.of("itemId", "item-a", "quantitiy", 1)));
		long before = allRows();

		assertThat(this.receipts.put(checkoutId, body).errorFields()).containsExactly("note");
		Answer answer = this.receipts.put(checkoutId, typo);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorFields()).containsExactly("items[0].quantitiy");
		assertThat(allRows()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.5", "1.0", "\"1\"", "1e20", "9223372036854775808", "true", "[1]", "{}" })
	void rejectsAQuantityOrTimestampThatIsNotAWholeNumberNamingIt(String number) {
		String checkoutId = newCheckoutId();
		long before = allRows();
		String item = "{\"checkoutId\": \"%s\", \"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": %s}], \"clientTimestamp\": 1}";
		String timestamp = "{\"checkoutId\": \"%s\", \"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}], \"clientTimestamp\": %s}";

		assertThat(this.receipts.put(checkoutId, item.formatted(checkoutId, number)).errorFields())
			.containsExactly("items[0].quantity");
		assertThat(this.receipts.put(checkoutId, timestamp.formatted(checkoutId, number)).errorFields())
			.containsExactly("clientTimestamp");
		assertThat(allRows()).isEqualTo(before);
	}

	@Test
	void refusesABodyOverTheLimitWith413DeclaredOrChunked() {
		String checkoutId = newCheckoutId();
		Map<String, Object> body = twoItemsBody(checkoutId);
		body.put("userId", "u".repeat(8 * 1024 * 1024));
		byte[] big = JsonMapper.builder().build().writeValueAsBytes(body);
		long before = allRows();

		for (boolean chunked : List.of(false, true)) {
			Answer answer = this.receipts.send("PUT", "/receipts/" + checkoutId, "application/json", big, chunked,
					Map.of());
			assertThat(answer.status()).isEqualTo(413);
			assertThat(answer.contentType()).isEqualTo("application/problem+json");
			assertThat(answer.body().get("title").asString()).isEqualTo("Request body too large");
			assertThat(answer.body().get("maxBodyBytes").asLong()).isEqualTo(8 * 1024 * 1024);
		}
		assertThat(allRows()).isEqualTo(before);
	}

	@Test
	void storesTheLargestValidReceiptWithinTheBodyLimit() {
		String checkoutId = newCheckoutId();
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			items.add(item(String.format("%03d", i) + "\u20ac".repeat(197), 1_000_000));
		}
		Map<String, Object> body = twoItemsBody(checkoutId);
		body.put("userId", "\u20ac".repeat(200));
		body.put("items", items);
		byte[] bytes = JsonMapper.builder().build().writeValueAsBytes(body);
		assertThat(bytes.length).isGreaterThan(60_000);

		Answer answer = this.receipts.send("PUT", "/receipts/" + checkoutId, "application/json", bytes, true, Map.of());

		assertThat(answer.status()).isEqualTo(201);
	}

	@Test
	void answersOtherContentTypesMethodsMissingBodiesAndUnacceptableAcceptsWithProblemsAndStoresNothing() {
		String checkoutId = newCheckoutId();
		byte[] valid = JsonMapper.builder().build().writeValueAsBytes(twoItemsBody(checkoutId));
		String path = "/receipts/" + checkoutId;
		long before = allRows();

		assertProblem(this.receipts.send("PUT", path, "text/plain", valid, false, Map.of()), 415);
		assertProblem(this.receipts.send("PUT", path, null, valid, false, Map.of()), 415);
		assertProblem(this.receipts.send("PUT", path, "application/x-www-form-urlencoded",
				"userId=%zz".getBytes(StandardCharsets.UTF_8), false, Map.of()), 415);
		assertProblem(this.receipts.send("PUT", path, "application/json", new byte[0], false, Map.of()), 400);
		assertProblem(this.receipts.send("POST", path, "application/json", valid, false, Map.of()), 405);
		assertProblem(this.receipts.send("PATCH", "/receipts", "application/json", valid, false, Map.of()), 405);
		assertThat(this.receipts.send("PUT", path, "application/json", valid, false, Map.of("Accept", "text/html"))
			.status()).isEqualTo(406);
		assertThat(allRows()).isEqualTo(before);
	}

	private static void assertProblem(Answer answer, int status) {
		assertThat(answer.status()).isEqualTo(status);
		assertThat(answer.contentType()).isEqualTo("application/problem+json");
		assertThat(answer.body().get("status").asInt()).isEqualTo(status);
		assertThat(answer.body().get("title").asString()).isNotBlank();
	}

	/** Every row: live receipts, cancelled ones and tombstones. */
	private long allRows() {
		return this.jdbc.sql("SELECT COUNT(*) FROM receipt").query(Long.class).single();
	}

	private long rowsFor(String checkoutId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM receipt WHERE checkout_id = ?")
			.param(checkoutId)
			.query(Long.class)
			.single();
	}

	private long latencyTimerCount() {
		return this.meterRegistry.get("checkout.e2e.latency").timer().count();
	}

	private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
		body.put(field, value);
		return body;
	}

	private static Map<String, Object> without(Map<String, Object> body, String field) {
		body.remove(field);
		return body;
	}

}
