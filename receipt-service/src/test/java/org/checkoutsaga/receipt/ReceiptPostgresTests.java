package org.checkoutsaga.receipt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.checkoutsaga.receipt.ReceiptStore.StoredReceipt;
import org.checkoutsaga.receipt.ReceiptsClient.Answer;
import org.checkoutsaga.support.GroupCommitSettings;
import org.checkoutsaga.support.GroupCommitter;
import org.checkoutsaga.support.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItems;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItemsBody;

/**
 * The whole service on a real PostgreSQL, started with its {@code postgres} profile as
 * configured for production (only the server's address comes from the test), over real
 * HTTP: the migrations, storing, reading, cancelling and listing receipts, and a store
 * and a cancel of one checkout racing, in one instance and across two.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class ReceiptPostgresTests {

	private static final TestPostgres postgres = TestPostgres.shared();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("POSTGRES_HOST", postgres::host);
		registry.add("POSTGRES_PORT", postgres::port);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ReceiptStore store;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JsonMapper jsonMapper;

	private ReceiptsClient receipts;

	@BeforeEach
	void connect() {
		this.receipts = new ReceiptsClient(this.port);
	}

	@Test
	void runsOnItsOwnDatabaseMigratedToTheLatestVersion() {
		assertThat(this.jdbc.sql("SELECT current_database() || ' ' || current_user").query(String.class).single())
			.isEqualTo("receipt_service saga");
		assertThat(this.jdbc
			.sql("SELECT version || ' ' || success FROM flyway_schema_history WHERE version IS NOT NULL"
					+ " ORDER BY installed_rank")
			.query(String.class)
			.list()).containsExactly("1 true", "2 true");
	}

	@Test
	void storesOneReceiptPerCheckoutAndAnswersEveryRepeatWithIt() {
		String checkoutId = newCheckoutId();
		long countBefore = this.receipts.count();

		List<Answer> stores = all(List.of(this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)),
				this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)),
				this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId))));
		Answer repeat = this.receipts.put(checkoutId, twoItemsBody(checkoutId));
		Answer found = this.receipts.get(checkoutId);

		assertThat(stores).filteredOn((answer) -> answer.status() == 201).hasSize(1);
		assertThat(stores).extracting(Answer::status).containsOnly(200, 201);
		String receiptId = stores.get(0).receiptId();
		assertThat(stores).extracting(Answer::receiptId).containsOnly(receiptId);
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.receiptId()).isEqualTo(receiptId);
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.body()).isEqualTo(repeat.body());
		assertThat(found.body().get("items").get(0).get("itemId").asString()).isEqualTo("item-a");
		assertThat(this.receipts.count()).isEqualTo(countBefore + 1);
		assertThat(this.receipts.get(newCheckoutId()).status()).isEqualTo(404);
	}

	@Test
	void cancelsAStoredReceiptAndRecordsATombstoneForACheckoutWithoutOne() {
		String stored = newCheckoutId();
		String receiptId = this.receipts.put(stored, twoItemsBody(stored)).receiptId();
		String never = newCheckoutId();

		Answer cancelled = this.receipts.delete(stored);
		Answer tombstone = this.receipts.delete(never);

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.cancelled()).isTrue();
		assertThat(this.receipts.delete(stored).body()).isEqualTo(cancelled.body());
		assertThat(tombstone.status()).isEqualTo(200);
		assertThat(tombstone.cancelled()).isFalse();
		for (String checkoutId : List.of(stored, never)) {
			Answer found = this.receipts.get(checkoutId);
			assertThat(found.status()).isEqualTo(404);
			assertThat(found.body().get("cancelled").asBoolean()).isTrue();
			assertThat(this.receipts.put(checkoutId, twoItemsBody(checkoutId)).status()).isEqualTo(409);
		}
		assertThat(storedReceiptIds(stored)).containsExactly(receiptId);
		assertThat(storedReceiptIds(never)).containsExactly((String) null);
	}

	@Test
	void listsLiveReceiptsInCodePointOrderOfTheirCheckoutIds() {
		String prefix = "list-" + UUID.randomUUID() + "-";
		// ids whose order differs between code points and a natural-language collation
		List<String> suffixes = List.of("Zulu", "alpha", "alpha-2", "alpha.1", "_under", "a b", "Beta", "été", "1",
				"10", "9", "ALPHA", "zulu");
		List<String> checkoutIds = suffixes.stream().map((suffix) -> prefix + suffix).toList();
		long countBefore = this.receipts.count();
		all(checkoutIds.stream().map((id) -> this.receipts.putAsync(id, twoItemsBody(id))).toList());
		List<String> cancelled = List.of(prefix + "alpha-2", prefix + "Beta");
		all(cancelled.stream().map(this.receipts::deleteAsync).toList());

		List<String> listed = new ArrayList<>();
		String after = prefix;
		while (after != null) {
			JsonNode page = this.receipts.list("?limit=4&after=" + encode(after)).body();
			List<String> ids = page.get("receipts")
				.valueStream()
				.map((entry) -> entry.get("checkoutId").asString())
				.toList();
			ids.stream().takeWhile((id) -> id.startsWith(prefix)).forEach(listed::add);
			boolean pastPrefix = ids.stream().anyMatch((id) -> !id.startsWith(prefix));
			after = (pastPrefix || page.get("next").isNull()) ? null : page.get("next").asString();
		}

		assertThat(listed)
			.containsExactlyElementsOf(checkoutIds.stream().filter((id) -> !cancelled.contains(id)).sorted().toList());
		assertThat(this.receipts.count()).isEqualTo(countBefore + checkoutIds.size() - cancelled.size());
	}

	/**
	 * Each checkout gets a store and a cancel at once, over HTTP, in both orders. It ends
	 * with either a receipt stored, then cancelled, or a tombstone that refused the
	 * store; never with a live receipt, always with one row.
	 */
	@Test
	void aStoreAndACancelOfOneCheckoutRacingEndInOneConsistentState() {
		List<String> checkoutIds = new ArrayList<>();
		List<CompletableFuture<Answer>> puts = new ArrayList<>();
		List<CompletableFuture<Answer>> deletes = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			String checkoutId = newCheckoutId();
			checkoutIds.add(checkoutId);
			if (i % 2 == 0) {
				puts.add(this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)));
				deletes.add(this.receipts.deleteAsync(checkoutId));
			}
			else {
				deletes.add(this.receipts.deleteAsync(checkoutId));
				puts.add(this.receipts.putAsync(checkoutId, twoItemsBody(checkoutId)));
			}
		}

		for (int i = 0; i < checkoutIds.size(); i++) {
			String checkoutId = checkoutIds.get(i);
			Answer put = puts.get(i).join();
			Answer delete = deletes.get(i).join();
			assertThat(delete.status()).isEqualTo(200);
			if (delete.cancelled()) {
				assertThat(put.status()).isEqualTo(201);
				assertThat(storedReceiptIds(checkoutId)).containsExactly(put.receiptId());
			}
			else {
				assertThat(put.status()).isEqualTo(409);
				assertThat(storedReceiptIds(checkoutId)).containsExactly((String) null);
			}
			assertThat(this.receipts.get(checkoutId).status()).isEqualTo(404);
		}
	}

	/**
	 * Two instances on one database, each with its own group committer: the primary key
	 * decides between a store on one and a cancel on the other. A caller that gets
	 * "unavailable" retries, as the saga does.
	 */
	@Test
	void aStoreOnOneInstanceAndACancelOnAnotherEndInOneConsistentState() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ReceiptRepository repository = new ReceiptRepository(JdbcClient.create(this.dataSource), this.jsonMapper);
		ExecutorService callbacks = Executors.newFixedThreadPool(4);
		ExecutorService callers = Executors.newFixedThreadPool(16);
		try (GroupCommitter<ReceiptWrite<?>> committer = new GroupCommitter<>("other-instance", this.dataSource,
				new ReceiptWriter(repository), new GroupCommitSettings(512, Duration.ZERO, true), meters)) {
			ReceiptStore other = new ReceiptStore(committer, repository, Clock.systemUTC(), callbacks, meters);
			List<String> checkoutIds = new ArrayList<>();
			List<CompletableFuture<Object>> stores = new ArrayList<>();
			List<CompletableFuture<Object>> cancels = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String checkoutId = newCheckoutId();
				checkoutIds.add(checkoutId);
				ReceiptStore storing = (i % 2 == 0) ? this.store : other;
				ReceiptStore cancelling = (i % 2 == 0) ? other : this.store;
				stores.add(retried(() -> storing.store(twoItems(checkoutId)), callers));
				cancels.add(retried(() -> cancelling.cancel(checkoutId), callers));
			}

			for (int i = 0; i < checkoutIds.size(); i++) {
				Object stored = stores.get(i).get(60, TimeUnit.SECONDS);
				Cancellation cancellation = (Cancellation) cancels.get(i).get(60, TimeUnit.SECONDS);
				List<String> row = storedReceiptIds(checkoutIds.get(i));
				if (cancellation.cancelled()) {
					assertThat(stored).isInstanceOfSatisfying(StoredReceipt.class,
							(receipt) -> assertThat(row).containsExactly(receipt.receipt().receiptId()));
				}
				else {
					assertThat(stored).isInstanceOf(ReceiptCancelledException.class);
					assertThat(row).containsExactly((String) null);
				}
				assertThat(this.jdbc.sql("SELECT COUNT(*) FROM receipt WHERE checkout_id = ? AND cancelled_at IS NULL")
					.param(checkoutIds.get(i))
					.query(Long.class)
					.single()).as("no live receipt").isZero();
			}
		}
		finally {
			callers.shutdownNow();
			callbacks.shutdownNow();
		}
	}

	/**
	 * Runs a store or cancel until it does not fail as unavailable; its answer, or the
	 * refusal it ended with.
	 */
	private static CompletableFuture<Object> retried(Supplier<CompletableFuture<?>> call, ExecutorService executor) {
		return CompletableFuture.supplyAsync(() -> {
			for (int attempt = 0; attempt < 50; attempt++) {
				try {
					return call.get().join();
				}
				catch (CompletionException ex) {
					if (ex.getCause() instanceof ReceiptCancelledException refused) {
						return refused;
					}
					assertThat(ex).hasCauseInstanceOf(ReceiptsUnavailableException.class);
				}
			}
			throw new AssertionError("Still unavailable after 50 attempts");
		}, executor);
	}

	private List<String> storedReceiptIds(String checkoutId) {
		return this.jdbc.sql("SELECT receipt_id FROM receipt WHERE checkout_id = ?")
			.param(checkoutId)
			.query((rs, row) -> rs.getString(1))
			.list();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static List<Answer> all(List<CompletableFuture<Answer>> pending) {
		return pending.stream().map(CompletableFuture::join).toList();
	}

}
