package org.checkoutsaga.receipt;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.receipt.ReceiptStore.StoredReceipt;
import org.checkoutsaga.support.GroupCommitSettings;
import org.checkoutsaga.support.GroupCommitter;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.checkoutsaga.receipt.ReceiptRequests.CLIENT_TIMESTAMP;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItems;

/**
 * The store on an in-memory database, with group commits that fail on purpose.
 */
class ReceiptStoreTests {

	private static final Instant NOW = Instant.ofEpochMilli(CLIENT_TIMESTAMP + 1_500);

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final AtomicBoolean diskFull = new AtomicBoolean();

	private final AtomicBoolean otherInstanceFirst = new AtomicBoolean();

	private final AtomicBoolean otherInstanceCancelsFirst = new AtomicBoolean();

	private JdbcDataSource dataSource;

	private ReceiptRepository repository;

	private GroupCommitter<ReceiptWrite<?>> committer;

	private ReceiptWriter writer;

	private ReceiptStore store;

	@BeforeEach
	void createDatabase() {
		this.dataSource = new JdbcDataSource();
		this.dataSource.setURL("jdbc:h2:mem:receipts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/receipt-service")
			.load()
			.migrate();
		this.repository = new ReceiptRepository(JdbcClient.create(this.dataSource), JsonMapper.builder().build());
		this.writer = new ReceiptWriter(this.repository);
		this.committer = new GroupCommitter<>("test", this.dataSource, this::write,
				new GroupCommitSettings(16, Duration.ZERO, false), this.meterRegistry);
		this.store = new ReceiptStore(this.committer, this.repository, Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run,
				this.meterRegistry);
	}

	@AfterEach
	void closeCommitter() {
		this.committer.close();
	}

	@Test
	void createsAReceiptStampedWithTheClockAndRecordsItsLatency() {
		ReceiptRequest request = twoItems(newCheckoutId());

		StoredReceipt stored = this.store.store(request).join();

		assertThat(stored.created()).isTrue();
		assertThat(stored.receipt().createdAt()).isEqualTo(NOW.toEpochMilli());
		assertThat(stored.receipt().items()).isEqualTo(request.items());
		assertThat(this.repository.findState(request.checkoutId())).isEqualTo(new ReceiptState.Live(stored.receipt()));
		Timer latency = this.meterRegistry.get("checkout.e2e.latency").timer();
		assertThat(latency.count()).isOne();
		assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(1_500);
	}

	@Test
	void answersWithTheReceiptOfAnotherInstanceWhenItStoredTheCheckoutFirst() {
		ReceiptRequest request = twoItems(newCheckoutId());
		this.otherInstanceFirst.set(true);

		StoredReceipt stored = this.store.store(request).join();

		assertThat(stored.created()).isFalse();
		assertThat(this.repository.findState(request.checkoutId())).isEqualTo(new ReceiptState.Live(stored.receipt()));
		assertThat(stored.receipt().userId()).isEqualTo("other-instance");
		assertThat(this.repository.count()).isOne();
	}

	@Test
	void failsRetryablyAndStoresNothingWhenTheGroupCannotCommit() {
		ReceiptRequest request = twoItems(newCheckoutId());
		this.diskFull.set(true);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.store.store(request).join())
			.withCauseInstanceOf(ReceiptsUnavailableException.class);
		assertThat(this.repository.count()).isZero();
	}

	@Test
	void storesTheReceiptOnARetryAfterAFailedGroup() {
		ReceiptRequest request = twoItems(newCheckoutId());
		this.diskFull.set(true);
		this.store.store(request).exceptionally((failure) -> null).join();
		this.diskFull.set(false);

		StoredReceipt stored = this.store.store(request).join();

		assertThat(stored.created()).isTrue();
		assertThat(this.repository.count()).isOne();
	}

	@Test
	void refusesAStoreWhenAnotherInstanceCancelledTheCheckoutFirst() {
		ReceiptRequest request = twoItems(newCheckoutId());
		this.otherInstanceCancelsFirst.set(true);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.store.store(request).join())
			.withCauseInstanceOf(ReceiptCancelledException.class);
		assertThat(this.repository.findState(request.checkoutId()))
			.isEqualTo(new ReceiptState.Tombstone(request.checkoutId(), NOW.toEpochMilli() - 1));
	}

	@Test
	void cancelsAStoredReceiptAndRefusesTheNextStore() {
		ReceiptRequest request = twoItems(newCheckoutId());
		StoredReceipt stored = this.store.store(request).join();

		Cancellation cancellation = this.store.cancel(request.checkoutId()).join();

		assertThat(cancellation).isEqualTo(new Cancellation(request.checkoutId(), true));
		assertThat(this.repository.findState(request.checkoutId()))
			.isEqualTo(new ReceiptState.Cancelled(stored.receipt(), NOW.toEpochMilli()));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.store.store(request).join())
			.withCauseInstanceOf(ReceiptCancelledException.class);
	}

	@Test
	void answersACancelFromTheTombstoneOfAnotherInstanceThatCancelledFirst() {
		String checkoutId = newCheckoutId();
		this.otherInstanceCancelsFirst.set(true);

		Cancellation cancellation = this.store.cancel(checkoutId).join();

		assertThat(cancellation).isEqualTo(new Cancellation(checkoutId, false));
		assertThat(this.repository.findState(checkoutId))
			.isEqualTo(new ReceiptState.Tombstone(checkoutId, NOW.toEpochMilli() - 1));
	}

	@Test
	void failsACancelRetryablyAndRecordsNothingWhenTheGroupCannotCommit() {
		String checkoutId = newCheckoutId();
		this.diskFull.set(true);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.store.cancel(checkoutId).join())
			.withCauseInstanceOf(ReceiptsUnavailableException.class);
		assertThat(this.repository.findState(checkoutId)).isEqualTo(new ReceiptState.Absent(checkoutId));
	}

	private void write(Connection connection, List<ReceiptWrite<?>> writes) throws SQLException {
		if (this.diskFull.get()) {
			throw new SQLException("No space left on device");
		}
		if (this.otherInstanceFirst.get()) {
			storeAsAnotherInstance(writes);
		}
		if (this.otherInstanceCancelsFirst.get()) {
			cancelAsAnotherInstance(writes);
		}
		this.writer.write(connection, writes);
	}

	/**
	 * Commits, on a connection of its own, a tombstone for each checkout of the group, as
	 * another instance would between this instance's look-up and its write.
	 */
	private void cancelAsAnotherInstance(List<ReceiptWrite<?>> writes) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			this.repository.insert(connection,
					writes.stream()
						.map((write) -> new ReceiptState.Tombstone(write.checkoutId(), NOW.toEpochMilli() - 1))
						.toList());
		}
	}

	/**
	 * Commits, on a connection of its own, a receipt for each checkout of the group, as
	 * another instance would between this instance's look-up and its write.
	 */
	private void storeAsAnotherInstance(List<ReceiptWrite<?>> writes) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			this.repository.insert(connection,
					writes.stream()
						.map((write) -> new ReceiptState.Live(new Receipt(UUID.randomUUID().toString(),
								write.checkoutId(), "other-instance", twoItems(write.checkoutId()).items(),
								CLIENT_TIMESTAMP, NOW.toEpochMilli() - 1)))
						.toList());
		}
	}

}
