package org.checkoutsaga.stock.entity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.support.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two instances of the service's entities on one PostgreSQL database, both writing the
 * same items, as two processes would after a split brain: the row version refuses the
 * write of an instance that decided on a stale row, the whole group of that write is
 * rolled back, and its retry is decided on the current row. No unit is lost or counted
 * twice.
 */
class StockFencePostgresTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final TestPostgres postgres = TestPostgres.shared();

	private StockTestDatabase database;

	private ExecutorService clients;

	@BeforeEach
	void start() {
		this.database = StockTestDatabase.on(postgres.jdbcUrl(postgres.createDatabase("stock_fence")),
				TestPostgres.USER, TestPostgres.PASSWORD);
		this.clients = Executors.newFixedThreadPool(8);
	}

	@AfterEach
	void stop() {
		this.clients.shutdownNow();
		this.database.close();
	}

	@Test
	void aWriteDecidedOnAStaleRowIsRefusedAndItsRetryIsDecidedOnTheCurrentOne() {
		StockEntities first = this.database.entities();
		StockEntities second = this.database.startAnotherInstance();
		answer(first.set("item-1", 100));
		// the second instance loads the item at version 1 and keeps it cached
		assertThat(answer(second.find("item-1"))).hasValue(new ItemState("item-1", 100, 1));
		assertThat(perform(first, retract("a1", "item-1", 10)))
			.containsExactly(new StockReply.Retracted("a1", "item-1", 10, 90));

		CompletableFuture<List<StockReply>> stale = second.perform(List.of(retract("b1", "item-1", 5)));

		assertThatThrownBy(() -> stale.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.hasCauseInstanceOf(StockUnavailableException.class);
		assertThat(this.database.ledgerRows("b1")).isZero();
		assertThat(this.database.storedQuantity("item-1")).isEqualTo(90);
		assertThat(perform(second, retract("b1", "item-1", 5)))
			.containsExactly(new StockReply.Retracted("b1", "item-1", 5, 85));
		// now the first instance is the stale one
		assertThatThrownBy(() -> perform(first, retract("a2", "item-1", 1)))
			.hasRootCauseInstanceOf(StaleWriteException.class);
		assertThat(perform(first, retract("a2", "item-1", 1)))
			.containsExactly(new StockReply.Retracted("a2", "item-1", 1, 84));
		assertThat(this.database.storedQuantity("item-1")).isEqualTo(84);
		assertThat(this.database.storedVersion("item-1")).isEqualTo(4);
	}

	@Test
	void twoInstancesRetractingTheSameItemsAtOnceNeitherLoseNorDoubleAUnit() {
		StockEntities first = this.database.entities();
		StockEntities second = this.database.startAnotherInstance();
		int items = 4;
		for (int item = 0; item < items; item++) {
			answer(first.set("item-" + item, 100));
		}
		AtomicInteger refusals = new AtomicInteger();

		// 800 retractions of one unit, every one sent to both instances in turn until one
		// answers: 400 units there are, 400 out of stock
		List<CompletableFuture<StockReply>> replies = new ArrayList<>();
		for (int i = 0; i < 800; i++) {
			StockCommand command = retract("c" + i, "item-" + (i % items), 1);
			// every item gets retractions from both instances in turn
			List<StockEntities> instances = ((i / items) % 2 == 0) ? List.of(first, second) : List.of(second, first);
			replies.add(CompletableFuture.supplyAsync(() -> untilAnswered(instances, command, refusals), this.clients));
		}
		List<StockReply> answered = replies.stream().map(StockFencePostgresTest::answer).toList();

		assertThat(answered).filteredOn(StockReply.Retracted.class::isInstance).hasSize(400);
		assertThat(answered).filteredOn(StockReply.OutOfStock.class::isInstance).hasSize(400);
		assertThat(refusals).as("the instances did get in each other's way").hasPositiveValue();
		for (int item = 0; item < items; item++) {
			String itemId = "item-" + item;
			assertThat(this.database.storedQuantity(itemId)).isZero();
			assertThat(this.database.ledgerRows(itemId, "Retracted")).isEqualTo(100);
			assertThat(this.database.ledgerRows(itemId, "OutOfStock")).isEqualTo(100);
			assertThat(this.database.storedVersion(itemId)).as("one version per entry").isEqualTo(1 + 200);
		}
		for (int i = 0; i < 800; i++) {
			assertThat(this.database.ledgerRows("c" + i)).as("c" + i).isOne();
		}
	}

	/**
	 * Sends a command to one instance after the other until one of them answers, as a
	 * caller retries a 503.
	 */
	private static StockReply untilAnswered(List<StockEntities> instances, StockCommand command,
			AtomicInteger refusals) {
		for (int attempt = 0; attempt < 200; attempt++) {
			try {
				return instances.get(attempt % 2)
					.perform(List.of(command))
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
					.get(0);
			}
			catch (ExecutionException ex) {
				assertThat(ex).hasCauseInstanceOf(StockUnavailableException.class);
				refusals.incrementAndGet();
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		}
		throw new AssertionError("No instance answered " + command);
	}

	private static List<StockReply> perform(StockEntities entities, StockCommand... commands) {
		try {
			return entities.perform(List.of(commands)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static StockCommand retract(String operationId, String itemId, int quantity) {
		return new StockCommand.Retract(operationId, itemId, quantity);
	}

	private static <T> T answer(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No answer within " + TIMEOUT, ex);
		}
	}

}
