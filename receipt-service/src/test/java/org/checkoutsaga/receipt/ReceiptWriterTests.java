package org.checkoutsaga.receipt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.receipt.ReceiptState.Cancelled;
import org.checkoutsaga.receipt.ReceiptState.Live;
import org.checkoutsaga.receipt.ReceiptState.Tombstone;
import org.checkoutsaga.receipt.ReceiptStore.StoredReceipt;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.CLIENT_TIMESTAMP;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItems;

/**
 * One group of writes as the group committer runs it, on an H2 file database: stores and
 * cancels of one checkout in one group are decided in the order submitted.
 */
class ReceiptWriterTests {

	private static final long CREATED_AT = CLIENT_TIMESTAMP + 1_500;

	private static final long CANCELLED_AT = CLIENT_TIMESTAMP + 9_000;

	private JdbcDataSource dataSource;

	private ReceiptRepository repository;

	private ReceiptWriter writer;

	@BeforeEach
	void createDatabase(@TempDir Path dataDir) {
		this.dataSource = new JdbcDataSource();
		this.dataSource.setURL("jdbc:h2:file:" + dataDir.resolve("receipts") + ";WRITE_DELAY=0");
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/receipt-service")
			.load()
			.migrate();
		this.repository = new ReceiptRepository(JdbcClient.create(this.dataSource), JsonMapper.builder().build());
		this.writer = new ReceiptWriter(this.repository);
	}

	@Test
	void storesThenCancelsWhenTheStoreComesFirstInAGroup() throws SQLException {
		Receipt receipt = receipt(newCheckoutId());
		ReceiptWrite<StoreOutcome> store = ReceiptWrite.store(receipt);
		ReceiptWrite<Cancellation> cancel = ReceiptWrite.cancel(receipt.checkoutId(), CANCELLED_AT);

		commit(store, cancel);

		assertThat(store.outcome()).isEqualTo(StoredReceipt.created(receipt));
		assertThat(cancel.outcome()).isEqualTo(new Cancellation(receipt.checkoutId(), true));
		assertThat(this.repository.findState(receipt.checkoutId())).isEqualTo(new Cancelled(receipt, CANCELLED_AT));
		assertThat(this.repository.count()).isZero();
	}

	@Test
	void refusesTheStoreWhenTheCancelComesFirstInAGroup() throws SQLException {
		Receipt receipt = receipt(newCheckoutId());
		ReceiptWrite<Cancellation> cancel = ReceiptWrite.cancel(receipt.checkoutId(), CANCELLED_AT);
		ReceiptWrite<StoreOutcome> store = ReceiptWrite.store(receipt);

		commit(cancel, store);

		assertThat(cancel.outcome()).isEqualTo(new Cancellation(receipt.checkoutId(), false));
		assertThat(store.outcome()).isEqualTo(new StoreOutcome.Refused(receipt.checkoutId()));
		assertThat(this.repository.findState(receipt.checkoutId()))
			.isEqualTo(new Tombstone(receipt.checkoutId(), CANCELLED_AT));
	}

	@Test
	void cancelsAReceiptOfAnEarlierGroupKeepingAllItsFields() throws SQLException {
		Receipt receipt = receipt(newCheckoutId());
		commit(ReceiptWrite.store(receipt));
		ReceiptWrite<Cancellation> cancel = ReceiptWrite.cancel(receipt.checkoutId(), CANCELLED_AT);
		ReceiptWrite<Cancellation> repeat = ReceiptWrite.cancel(receipt.checkoutId(), CANCELLED_AT + 1);

		commit(cancel, repeat);

		assertThat(cancel.outcome()).isEqualTo(new Cancellation(receipt.checkoutId(), true));
		assertThat(cancel.changed()).isTrue();
		assertThat(repeat.outcome()).isEqualTo(cancel.outcome());
		assertThat(repeat.changed()).isFalse();
		assertThat(this.repository.findState(receipt.checkoutId())).isEqualTo(new Cancelled(receipt, CANCELLED_AT));
	}

	@Test
	void answersAStoreOfAStoredCheckoutWithTheStoredReceipt() throws SQLException {
		Receipt first = receipt(newCheckoutId());
		commit(ReceiptWrite.store(first));
		ReceiptWrite<StoreOutcome> second = ReceiptWrite.store(new Receipt(UUID.randomUUID().toString(),
				first.checkoutId(), "someone-else", first.items(), CLIENT_TIMESTAMP, CREATED_AT + 1));

		commit(second);

		assertThat(second.outcome()).isEqualTo(StoredReceipt.existing(first));
		assertThat(this.repository.findState(first.checkoutId())).isEqualTo(new Live(first));
	}

	@Test
	void decidesGroupsLargerThanOneLookUpOfCheckouts() throws SQLException {
		List<Receipt> receipts = new ArrayList<>();
		for (int i = 0; i < 1_200; i++) {
			receipts.add(receipt(newCheckoutId()));
		}
		List<ReceiptWrite<StoreOutcome>> stores = receipts.stream().map(ReceiptWrite::store).toList();
		commit(stores);
		List<ReceiptWrite<Cancellation>> cancels = receipts.stream()
			.map((receipt) -> ReceiptWrite.cancel(receipt.checkoutId(), CANCELLED_AT))
			.toList();

		commit(cancels);

		assertThat(stores).extracting(ReceiptWrite::outcome)
			.containsExactlyElementsOf(receipts.stream().map(StoredReceipt::created).toList());
		assertThat(cancels).extracting(ReceiptWrite::outcome)
			.containsExactlyElementsOf(
					receipts.stream().map((receipt) -> new Cancellation(receipt.checkoutId(), true)).toList());
		assertThat(this.repository.count()).isZero();
	}

	private void commit(ReceiptWrite<?>... writes) throws SQLException {
		commit(List.of(writes));
	}

	private void commit(List<? extends ReceiptWrite<?>> writes) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			this.writer.write(connection, List.copyOf(writes));
			connection.commit();
		}
	}

	private static Receipt receipt(String checkoutId) {
		return new Receipt(UUID.randomUUID().toString(), checkoutId, "user-1", twoItems(checkoutId).items(),
				CLIENT_TIMESTAMP, CREATED_AT);
	}

}
