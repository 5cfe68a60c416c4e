package org.checkoutsaga.receipt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.receipt.ReceiptsClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItemsBody;

/**
 * Cancelling receipts over real HTTP, on an H2 file database of its own: whatever order a
 * store and a cancel of one checkout arrive in, the checkout ends without a live receipt.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReceiptCancelApiTests {

	/** A fresh folder per run; {@code mvn clean} removes it. */
	private static final Path DATA = Path.of("target", "test-db", "cancel-" + UUID.randomUUID()).toAbsolutePath();

	private static final String RECEIPT_CANCELLED = "tag:checkoutsaga.org,2026:problems/receipt-cancelled";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:file:" + DATA.resolve("receipt-service") + ";WRITE_DELAY=0");
	}

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ReceiptsClient receipts;

	@BeforeEach
	void connect() {
		this.receipts = new ReceiptsClient(this.port);
	}

	@Test
	void cancelsAStoredReceiptSoThatItIsNoLongerFoundCountedOrStoredAgain() {
		String checkoutId = newCheckoutId();
		Answer stored = this.receipts.put(checkoutId, twoItemsBody(checkoutId));
		long countBefore = this.receipts.count();

		Answer cancelled = this.receipts.delete(checkoutId);

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.contentType()).startsWith("application/json");
		assertThat(cancelled.body().get("checkoutId").asString()).isEqualTo(checkoutId);
		assertThat(cancelled.cancelled()).isTrue();
		Answer found = this.receipts.get(checkoutId);
		assertThat(found.status()).isEqualTo(404);
		assertThat(found.contentType()).startsWith("application/problem+json");
		assertThat(found.body().get("cancelled").asBoolean()).isTrue();
		assertThat(this.receipts.count()).isEqualTo(countBefore - 1);
		assertThat(storedReceiptId(checkoutId)).isEqualTo(stored.receiptId());
	}

	@Test
	void answersARepeatedCancelOfAStoredReceiptTheSame() {
		String checkoutId = newCheckoutId();
		this.receipts.put(checkoutId, twoItemsBody(checkoutId));
		Answer first = this.receipts.delete(checkoutId);

		Answer repeat = this.receipts.delete(checkoutId);

		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.body()).isEqualTo(first.body());
		assertThat(repeat.cancelled()).isTrue();
	}

	@Test
	void refusesAStoreAfterItsReceiptWasCancelledWith409AndKeepsTheCancelledReceipt() {
		String checkoutId = newCheckoutId();
		Answer stored = this.receipts.put(checkoutId, twoItemsBody(checkoutId));
		this.receipts.delete(checkoutId);
		long countBefore = this.receipts.count();

		Answer refused = this.receipts.put(checkoutId, twoItemsBody(checkoutId));

		assertRefused(refused, checkoutId);
		assertThat(this.receipts.count()).isEqualTo(countBefore);
		assertThat(rowsFor(checkoutId)).isOne();
		assertThat(storedReceiptId(checkoutId)).isEqualTo(stored.receiptId());
	}

	@Test
	void recordsATombstoneWhenTheCancelComesFirstAndRefusesTheLateStore() {
		String checkoutId = newCheckoutId();
		long countBefore = this.receipts.count();

		Answer cancelled = this.receipts.delete(checkoutId);
		Answer late = this.receipts.put(checkoutId, twoItemsBody(checkoutId));

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.cancelled()).isFalse();
		assertRefused(late, checkoutId);
		assertThat(this.receipts.get(checkoutId).status()).isEqualTo(404);
		assertThat(this.receipts.count()).isEqualTo(countBefore);
		assertThat(rowsFor(checkoutId)).isOne();
		assertThat(storedReceiptId(checkoutId)).isNull();
	}

	@Test
	void answersARepeatedCancelOfACheckoutWithoutReceiptTheSame() {
		String checkoutId = newCheckoutId();
		Answer first = this.receipts.delete(checkoutId);

		Answer repeat = this.receipts.delete(checkoutId);

		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.body()).isEqualTo(first.body());
		assertThat(repeat.cancelled()).isFalse();
	}

	/**
	 * Each checkout gets two stores and two cancels at once. Either a receipt was stored
	 * and then cancelled (one store answered 201, every cancel says cancelled) or the
	 * tombstone came first (every store refused, every cancel says not cancelled); never
	 * a live receipt.
	 */
	@Test
	void endsEveryCheckoutInOneConsistentStateWhenStoresAndCancelsRace() {
		long countBefore = this.receipts.count();
		List<String> checkoutIds = new ArrayList<>();
		List<CompletableFuture<Answer>> puts = new ArrayList<>();
		List<CompletableFuture<Answer>> deletes = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			String checkoutId = newCheckoutId();
			checkoutIds.add(checkoutId);
			// Alternate which goes first, so that both orders reach the server
			if (i % 2 == 0) {
				puts.add(this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)));
				deletes.add(this.receipts.deleteAsync(checkoutId));
			}
			else {
				deletes.add(this.receipts.deleteAsync(checkoutId));
				puts.add(this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)));
			}
			puts.add(this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)));
			deletes.add(this.receipts.deleteAsync(checkoutId));
		}

		for (int i = 0; i < checkoutIds.size(); i++) {
			String checkoutId = checkoutIds.get(i);
			List<Answer> stores = List.of(puts.get(2 * i).join(), puts.get(2 * i + 1).join());
			List<Answer> cancels = List.of(deletes.get(2 * i).join(), deletes.get(2 * i + 1).join());
			assertThat(cancels).extracting(Answer::status).containsOnly(200);
			assertThat(cancels).extracting(Answer::cancelled).containsOnly(cancels.get(0).cancelled());
			assertThat(stores).allSatisfy((store) -> assertThat(store.status()).isIn(200, 201, 409));
			List<Answer> succeeded = stores.stream().filter((store) -> store.status() != 409).toList();
			if (cancels.get(0).cancelled()) {
				// stored, then cancelled: one store created the receipt the row keeps
				assertThat(stores).filteredOn((store) -> store.status() == 201).hasSize(1);
				assertThat(succeeded).extracting(Answer::receiptId).containsOnly(storedReceiptId(checkoutId));
			}
			else {
				// tombstone first: nothing was ever stored
				assertThat(succeeded).isEmpty();
				assertThat(storedReceiptId(checkoutId)).isNull();
			}
			stores.stream()
				.filter((store) -> store.status() == 409)
				.forEach((store) -> assertRefused(store, checkoutId));
			assertThat(this.receipts.get(checkoutId).status()).isEqualTo(404);
			assertThat(this.receipts.put(checkoutId, twoItemsBody(checkoutId)).status()).isEqualTo(409);
			assertThat(rowsFor(checkoutId)).isOne();
		}
		assertThat(this.receipts.count()).isEqualTo(countBefore);
	}

	@Test
	void rejectsACancelWithAnInvalidCheckoutIdWith400AndCancelsNothing() {
		String tooLong = "c".repeat(201);

		Answer blank = this.receipts.delete(" ");
		Answer overLong = this.receipts.delete(tooLong);

		for (Answer answer : List.of(blank, overLong)) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.errorFields()).containsExactly("checkoutId");
		}
		assertThat(rowsFor(" ")).isZero();
		assertThat(rowsFor(tooLong)).isZero();
	}

	private static void assertRefused(Answer answer, String checkoutId) {
		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("type").asString()).isEqualTo(RECEIPT_CANCELLED).endsWith("receipt-cancelled");
		assertThat(answer.body().get("status").asInt()).isEqualTo(409);
		assertThat(answer.body().get("checkoutId").asString()).isEqualTo(checkoutId);
	}

	private long rowsFor(String checkoutId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM receipt WHERE checkout_id = ?")
			.param(checkoutId)
			.query(Long.class)
			.single();
	}

	/**
	 * The receipt id kept in the checkout's row, {@code null} for a tombstone.
	 */
	private String storedReceiptId(String checkoutId) {
		List<String> receiptIds = this.jdbc.sql("SELECT receipt_id FROM receipt WHERE checkout_id = ?")
			.param(checkoutId)
			.query(String.class)
			.list();
		assertThat(receiptIds).hasSize(1);
		return receiptIds.get(0);
	}

}
