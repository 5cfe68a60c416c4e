package org.checkoutsaga.stock.entity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Timer;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The entities with their real mailboxes, worker pool, group committer and an H2 file
 * database: one operation at a time per item under concurrency, operation ids applied
 * once, and the version fence against writers behind the entity's back.
 */
class StockEntitiesTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path folder;

	private StockTestDatabase database;

	private ExecutorService clients;

	@BeforeEach
	void start() {
		this.database = StockTestDatabase.in(this.folder);
		this.clients = Executors.newFixedThreadPool(8);
	}

	@AfterEach
	void stop() {
		this.clients.shutdownNow();
		this.database.close();
	}

	@Test
	void concurrentRetractsTakeExactlyTheStockThereIs() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 500));

		List<StockReply> replies = concurrently(1000, (i) -> retract("c" + i + "/item-1", "item-1", 1));

		assertThat(replies).filteredOn(StockReply.Retracted.class::isInstance).hasSize(500);
		assertThat(replies).filteredOn(StockReply.OutOfStock.class::isInstance).hasSize(500);
		assertThat(answer(entities.find("item-1"))).hasValueSatisfying((item) -> assertThat(item.quantity()).isZero());
		assertThat(this.database.storedQuantity("item-1")).isZero();
		assertThat(this.database.storedVersion("item-1")).isEqualTo(1 + 1000);
		assertThat(this.database.ledgerRows("item-1", "Retracted")).isEqualTo(500);
		assertThat(this.database.ledgerRows("item-1", "OutOfStock")).isEqualTo(500);

		StockEntities reloaded = this.database.restart();
		assertThat(answer(reloaded.find("item-1"))).hasValueSatisfying((item) -> assertThat(item.quantity()).isZero());
	}

	@Test
	void concurrentItemsRunInParallelAndKeepTheirOwnCounts() {
		StockEntities entities = this.database.entities();
		for (int item = 0; item < 10; item++) {
			answer(entities.set("item-" + item, 30));
		}

		List<StockReply> replies = concurrently(500, (i) -> retract("c" + i, "item-" + (i % 10), 1));

		assertThat(replies).filteredOn(StockReply.Retracted.class::isInstance).hasSize(300);
		for (int item = 0; item < 10; item++) {
			assertThat(this.database.storedQuantity("item-" + item)).isZero();
		}
	}

	@Test
	void anOperationIdSentManyTimesConcurrentlyIsAppliedOnce() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 100));

		List<StockReply> replies = concurrently(50, (i) -> retract("c1/item-1", "item-1", 3));

		assertThat(replies).containsOnly(new StockReply.Retracted("c1/item-1", "item-1", 3, 97));
		assertThat(this.database.storedQuantity("item-1")).isEqualTo(97);
		assertThat(this.database.ledgerRows("c1/item-1")).isEqualTo(1);
	}

	@Test
	void aRepeatAfterItsWriteIsDurableIsAnsweredFromTheLedger() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 10));
		assertThat(perform(entities, retract("c1", "item-1", 4))).hasSize(1);
		// a turn in between forgets the durable entry: the ledger must answer the repeat
		answer(entities.find("item-1"));

		assertThat(perform(entities, retract("c1", "item-1", 4)))
			.containsExactly(new StockReply.Retracted("c1", "item-1", 4, 6));
		assertThat(this.database.storedQuantity("item-1")).isEqualTo(6);
	}

	@Test
	void aRepeatAfterARestartIsAnsweredFromTheLedgerEvenIfStockChanged() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 2));
		assertThat(perform(entities, retract("c1", "item-1", 5)))
			.containsExactly(new StockReply.OutOfStock("c1", "item-1", 5, 2));
		answer(entities.restock("item-1", 100));

		StockEntities restarted = this.database.restart();

		assertThat(perform(restarted, retract("c1", "item-1", 5)))
			.containsExactly(new StockReply.OutOfStock("c1", "item-1", 5, 2));
		assertThat(answer(restarted.find("item-1"))).map(ItemState::quantity).hasValue(102L);
	}

	@Test
	void operationsOfOneRequestRunInArrayOrderPerItem() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 10));

		List<StockReply> replies = perform(entities, retract("c1", "item-1", 4), restore("c1", "item-1", 4),
				restore("c2", "item-1", 1), retract("c2", "item-1", 1), retract("c3", "item-2", 1));

		assertThat(replies).containsExactly(new StockReply.Retracted("c1", "item-1", 4, 6),
				new StockReply.Restored("c1", "item-1", 4, 10), new StockReply.Restored("c2", "item-1", 0, 10),
				new StockReply.RetractCancelled("c2", "item-1"), new StockReply.UnknownItem("c3", "item-2"));
		assertThat(this.database.storedQuantity("item-1")).isEqualTo(10);
		assertThat(this.database.ledgerRows("c2")).isEqualTo(2);
	}

	@Test
	void aWriteBehindTheEntitysBackFailsTheNextOperationRetryablyAndTheRetrySucceeds() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 10));
		assertThat(perform(entities, retract("c1", "item-1", 1))).hasSize(1);
		// another instance sets the stock to 100 in the meantime
		this.database.jdbc()
			.sql("UPDATE stock_item SET quantity = 100, version = version + 1 WHERE item_id = 'item-1'")
			.update();

		CompletableFuture<List<StockReply>> refused = entities.perform(List.of(retract("c2", "item-1", 1)));
		assertThatThrownBy(() -> refused.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.hasCauseInstanceOf(StockUnavailableException.class);
		assertThat(this.database.ledgerRows("c2")).isZero();

		assertThat(perform(entities, retract("c2", "item-1", 1)))
			.containsExactly(new StockReply.Retracted("c2", "item-1", 1, 99));
		assertThat(this.database.storedQuantity("item-1")).isEqualTo(99);
		assertThat(this.database.storedVersion("item-1")).isEqualTo(4);
		assertThat(this.database.ledgerRows("c2")).isEqualTo(1);
		assertThat(this.database.meterRegistry()
			.get(StockMetrics.OPERATIONS)
			.tag("outcome", StockMetrics.UNAVAILABLE)
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aReadAnswersWithTheStateOnceItIsDurable() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 7));

		assertThat(answer(entities.find("item-1"))).hasValue(new ItemState("item-1", 7, 1));
		assertThat(answer(entities.find("never-stocked"))).isEmpty();
	}

	@Test
	void everyMessageIsTimedFromItsMailboxUntilAWorkerTakesIt() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 100));

		List<StockReply> replies = concurrently(200, (i) -> retract("c" + i, "item-1", 1));
		answer(entities.find("item-1"));

		assertThat(replies).hasSize(200);
		Timer mailboxWait = this.database.meterRegistry().get(StockMetrics.MAILBOX_WAIT).timer();
		assertThat(mailboxWait.count()).as("the set, every retract and the read").isEqualTo(1 + 200 + 1);
		assertThat(mailboxWait.totalTime(TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void mailboxesOfUnknownItemsAreDroppedOnceIdle() {
		StockEntities entities = this.database.entities();
		answer(entities.set("item-1", 7));

		List<StockReply> replies = concurrently(100, (i) -> retract("c" + i, "ghost-" + i, 1));

		assertThat(replies).allMatch(StockReply.UnknownItem.class::isInstance);
		await().atMost(TIMEOUT).until(() -> entities.cachedMailboxes() == 1);
		assertThat(perform(entities, retract("c1", "ghost-1", 1)))
			.containsExactly(new StockReply.UnknownItem("c1", "ghost-1"));
	}

	private List<StockReply> concurrently(int count, IntFunction<StockCommand> command) {
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<List<StockReply>>> sent = new ArrayList<>();
		List<CompletableFuture<CompletableFuture<List<StockReply>>>> sending = IntStream.range(0, count)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> {
				awaitQuietly(go);
				return this.database.entities().perform(List.of(command.apply(i)));
			}, this.clients))
			.toList();
		go.countDown();
		sending.forEach((future) -> sent.add(answer(future)));
		return sent.stream().map(StockEntitiesTest::answer).flatMap(List::stream).toList();
	}

	private static List<StockReply> perform(StockEntities entities, StockCommand... commands) {
		return answer(entities.perform(List.of(commands)));
	}

	private static StockCommand retract(String operationId, String itemId, int quantity) {
		return new StockCommand.Retract(operationId, itemId, quantity);
	}

	private static StockCommand restore(String operationId, String itemId, int quantity) {
		return new StockCommand.Restore(operationId, itemId, quantity);
	}

	private static <T> T answer(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No answer within " + TIMEOUT, ex);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
