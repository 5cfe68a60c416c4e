package org.checkoutsaga.receipt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.checkoutsaga.receipt.ReceiptsClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItemsBody;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * {@code GET /receipts} over real HTTP, on an H2 file database of its own that only
 * {@link #pagesThroughEveryLiveReceiptOnceInCheckoutIdOrder()} writes to.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReceiptListingApiTests {

	/** A fresh folder per run; {@code mvn clean} removes it. */
	private static final Path DATA = Path.of("target", "test-db", "listing-" + UUID.randomUUID()).toAbsolutePath();

	/** Requests under way at once while the receipts are stored. */
	private static final int WAVE = 250;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:file:" + DATA.resolve("receipt-service") + ";WRITE_DELAY=0");
	}

	@LocalServerPort
	private int port;

	private ReceiptsClient receipts;

	@BeforeEach
	void connect() {
		this.receipts = new ReceiptsClient(this.port);
	}

	@Test
	void pagesThroughEveryLiveReceiptOnceInCheckoutIdOrder() {
		Map<String, Answer> stored = storeReceipts(2_500);
		List<String> sorted = stored.keySet().stream().sorted().toList();
		// Every tenth: 250 cancelled, 2,250 live
		List<String> cancelled = IntStream.range(0, sorted.size())
			.filter((i) -> i % 10 == 3)
			.mapToObj(sorted::get)
			.toList();
		all(cancelled.stream().map(this.receipts::deleteAsync).toList());
		all(Stream.generate(ReceiptRequests::newCheckoutId).limit(20).map(this.receipts::deleteAsync).toList());
		List<String> live = stored.keySet().stream().filter((id) -> !cancelled.contains(id)).sorted().toList();
		assertThat(live).hasSize(2_250);

		List<JsonNode> pages = pageThrough(1000);

		List<JsonNode> entries = pages.stream().flatMap((page) -> page.get("receipts").valueStream()).toList();
		assertThat(entries).extracting((entry) -> entry.get("checkoutId").asString()).containsExactlyElementsOf(live);
		assertThat(pages).extracting((page) -> page.get("receipts").size()).containsExactly(1000, 1000, 250);
		for (JsonNode entry : entries) {
			Answer answer = stored.get(entry.get("checkoutId").asString());
			assertThat(entry.get("receiptId").asString()).isEqualTo(answer.receiptId());
			assertThat(entry.get("createdAt").asLong()).isEqualTo(answer.body().get("createdAt").asLong());
			assertThat(entry.propertyNames()).containsExactlyInAnyOrder("checkoutId", "receiptId", "createdAt");
		}
		assertThat(this.receipts.count()).isEqualTo(live.size());

		// A last page that is exactly full says so, rather than leading to an empty one
		List<JsonNode> exactPages = pageThrough(750);
		assertThat(exactPages).hasSize(3);
		assertThat(exactPages.stream().flatMap((page) -> page.get("receipts").valueStream()))
			.extracting((entry) -> entry.get("checkoutId").asString())
			.containsExactlyElementsOf(live);
		// Without a limit, pages hold 500
		Answer first = this.receipts.list("");
		assertThat(first.body().get("receipts")).hasSize(500);
		assertThat(first.body().get("next").asString()).isEqualTo(live.get(499));
		// Past the last checkout there is nothing, and no next page
		Answer past = this.receipts.list("?after=" + live.get(live.size() - 1));
		assertThat(past.body().get("receipts")).isEmpty();
		assertThat(past.body().get("next").isNull()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("invalidParameters")
	void rejectsInvalidParametersWith400NamingThem(String query, List<String> fields) {
		Answer answer = this.receipts.list(query);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.errorFields()).containsExactlyElementsOf(fields);
	}

	static Stream<Arguments> invalidParameters() {
		return Stream.of(argumentSet("limit zero", "?limit=0", List.of("limit")),
				argumentSet("limit over 1000", "?limit=1001", List.of("limit")),
				argumentSet("negative limit", "?limit=-1", List.of("limit")),
				argumentSet("limit not a number", "?limit=ten", List.of("limit")),
				argumentSet("limit not an integer", "?limit=1.5", List.of("limit")),
				argumentSet("empty limit", "?limit=", List.of("limit")),
				argumentSet("empty after", "?after=", List.of("after")),
				argumentSet("blank after", "?after=%20%20", List.of("after")),
				argumentSet("after over 200 characters", "?after=" + "c".repeat(201), List.of("after")),
				argumentSet("after with a control character", "?after=checkout%07", List.of("after")),
				argumentSet("both", "?after=&limit=0", List.of("after", "limit")));
	}

	private Map<String, Answer> storeReceipts(int count) {
		Map<String, Answer> stored = new HashMap<>();
		for (int from = 0; from < count; from += WAVE) {
			List<String> checkoutIds = Stream.generate(ReceiptRequests::newCheckoutId)
				.limit(Math.min(WAVE, count - from))
				.toList();
			List<Answer> answers = all(
					checkoutIds.stream().map((id) -> this.receipts.putAsync(id, twoItemsBody(id))).toList());
			for (int i = 0; i < checkoutIds.size(); i++) {
				assertThat(answers.get(i).status()).isEqualTo(201);
				stored.put(checkoutIds.get(i), answers.get(i));
			}
		}
		return stored;
	}

	/**
	 * Follows {@code next} from the first page to the last, checking each page's link.
	 */
	private List<JsonNode> pageThrough(int limit) {
		List<JsonNode> pages = new ArrayList<>();
		String query = "?limit=" + limit;
		while (true) {
			Answer answer = this.receipts.list(query);
			assertThat(answer.status()).isEqualTo(200);
			JsonNode page = answer.body();
			pages.add(page);
			JsonNode receipts = page.get("receipts");
			assertThat(receipts.size()).isBetween(1, limit);
			assertThat(page.has("next")).isTrue();
			if (page.get("next").isNull()) {
				return pages;
			}
			assertThat(receipts).hasSize(limit);
			String next = page.get("next").asString();
			assertThat(next).isEqualTo(receipts.get(limit - 1).get("checkoutId").asString());
			assertThat(pages).hasSizeLessThan(100);
			query = "?limit=" + limit + "&after=" + next;
		}
	}

	private static List<Answer> all(List<CompletableFuture<Answer>> pending) {
		return pending.stream().map(CompletableFuture::join).toList();
	}

}
