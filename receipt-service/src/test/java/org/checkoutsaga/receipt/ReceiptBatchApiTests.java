package org.checkoutsaga.receipt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItemsBody;

/**
 * {@code POST /receipts}, the orchestrator's batches, over real HTTP on an H2 file
 * database of its own: one typed reply per receipt, idempotent per checkout, and an
 * invalid batch stores nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReceiptBatchApiTests {

	private static final Path DATA = Path.of("target", "test-db", "batch-" + UUID.randomUUID()).toAbsolutePath();

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
	void storesEveryReceiptOfABatchOnceAndAnswersARepeatWithTheSameReceipts() {
		List<String> ids = List.of(newCheckoutId(), newCheckoutId(), newCheckoutId());
		List<Object> batch = ids.stream().map(ReceiptRequests::twoItemsBody).map(Object.class::cast).toList();
		long before = this.receipts.count();

		ReceiptsClient.Answer first = this.receipts.postAll(batch);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body()).hasSize(3);
		for (int i = 0; i < ids.size(); i++) {
			JsonNode reply = first.body().get(i);
			assertThat(reply.get("type").asString()).isEqualTo("Stored");
			assertThat(reply.get("created").asBoolean()).isTrue();
			assertThat(reply.get("receipt").get("checkoutId").asString()).as("replies in request order")
				.isEqualTo(ids.get(i));
		}
		assertThat(this.receipts.count()).isEqualTo(before + 3);

		ReceiptsClient.Answer repeat = this.receipts.postAll(batch);
		for (int i = 0; i < ids.size(); i++) {
			assertThat(repeat.body().get(i).get("created").asBoolean()).isFalse();
			assertThat(repeat.body().get(i).get("receipt").get("receiptId"))
				.isEqualTo(first.body().get(i).get("receipt").get("receiptId"));
		}
		assertThat(this.receipts.get(ids.get(1)).status()).isEqualTo(200);
		assertThat(this.receipts.count()).isEqualTo(before + 3);
	}

	@Test
	void refusesTheReceiptOfACancelledCheckoutAndStoresTheOthers() {
		String cancelled = newCheckoutId();
		String fine = newCheckoutId();
		assertThat(this.receipts.delete(cancelled).cancelled()).isFalse();

		ReceiptsClient.Answer answer = this.receipts.postAll(List.of(twoItemsBody(cancelled), twoItemsBody(fine)));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body().get(0).get("type").asString()).isEqualTo("Refused");
		assertThat(answer.body().get(0).get("checkoutId").asString()).isEqualTo(cancelled);
		assertThat(answer.body().get(1).get("type").asString()).isEqualTo("Stored");
		assertThat(this.receipts.get(cancelled).status()).isEqualTo(404);
		assertThat(this.receipts.get(fine).status()).isEqualTo(200);
	}

	@Test
	void storesNothingOfABatchWithAnInvalidReceiptAndNamesItsFields() {
		String valid = newCheckoutId();
		Map<String, Object> invalid = twoItemsBody(newCheckoutId());
		invalid.put("userId", "");
		long before = this.receipts.count();

		ReceiptsClient.Answer answer = this.receipts.postAll(List.of(twoItemsBody(valid), invalid));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).isEqualTo("application/problem+json");
		assertThat(answer.body().get("errors").toString()).contains("[1].userId");
		assertThat(this.receipts.get(valid).status()).isEqualTo(404);
		assertThat(this.receipts.count()).isEqualTo(before);
	}

	@Test
	void refusesAnEmptyBatchAndOneOverTheLimit() {
		assertThat(this.receipts.postAll(List.of()).status()).isEqualTo(400);
		List<Object> tooMany = new ArrayList<>();
		for (int i = 0; i < 65; i++) {
			tooMany.add(twoItemsBody(newCheckoutId()));
		}
		ReceiptsClient.Answer answer = this.receipts.postAll(tooMany);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body().get("errors").toString()).contains("between 1 and 64");
	}

}
