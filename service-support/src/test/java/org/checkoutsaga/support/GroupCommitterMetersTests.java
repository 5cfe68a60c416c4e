package org.checkoutsaga.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage meters of the group committer on an in-memory H2: how long each write waits
 * before the writer takes it into a group, and how long each group's disk sync takes.
 */
class GroupCommitterMetersTests {

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private JdbcDataSource dataSource;

	private Connection keepOpen;

	@BeforeEach
	void createTable() throws SQLException {
		this.dataSource = new JdbcDataSource();
		this.dataSource.setURL("jdbc:h2:mem:group-commit-meters");
		this.dataSource.setUser("sa");
		// an in-memory database lives as long as one of its connections is open
		this.keepOpen = this.dataSource.getConnection();
		try (Statement statement = this.keepOpen.createStatement()) {
			statement.execute("CREATE TABLE written (id BIGINT PRIMARY KEY)");
		}
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		this.keepOpen.close();
	}

	@Test
	void recordsTheQueueWaitOfEveryWriteAndOneSyncPerGroup() throws Exception {
		try (GroupCommitter<Long> committer = committer(new GroupCommitSettings(64, Duration.ZERO, true),
				new CountDownLatch(1), new CountDownLatch(0))) {
			List<CompletableFuture<Void>> writes = LongStream.range(0, 500)
				.parallel()
				.mapToObj(committer::submit)
				.toList();
			CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}

		assertThat(timer("groupcommit.queue.wait").count()).as("one per write").isEqualTo(500);
		long groups = timer("groupcommit.commit").count();
		assertThat(groups).isBetween(1L, 500L);
		assertThat(timer("groupcommit.sync").count()).as("one per group").isEqualTo(groups);
		assertThat(timer("groupcommit.sync").totalTime(TimeUnit.NANOSECONDS)).isPositive()
			.isLessThanOrEqualTo(timer("groupcommit.commit").totalTime(TimeUnit.NANOSECONDS));
	}

	@Test
	void aWriteQueuedBehindAGroupWaitsUntilTheWriterTakesIt() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		long queuedFor;
		try (GroupCommitter<Long> committer = committer(new GroupCommitSettings(1, Duration.ZERO, false), writing,
				release)) {
			CompletableFuture<Void> first = committer.submit(1L);
			assertThat(writing.await(30, TimeUnit.SECONDS)).as("the writer holds the first group").isTrue();
			CompletableFuture<Void> second = committer.submit(2L);
			long queued = System.nanoTime();
			// the time measured, not a wait for asynchronous work: the writer cannot take
			// the second write before the first group is released
			Thread.sleep(100);
			assertThat(second).isNotDone();
			queuedFor = System.nanoTime() - queued;
			release.countDown();
			CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
		}

		Timer queueWait = timer("groupcommit.queue.wait");
		assertThat(queueWait.count()).isEqualTo(2);
		assertThat(queueWait.max(TimeUnit.NANOSECONDS)).as("the second write waited for the first group")
			.isGreaterThanOrEqualTo(queuedFor);
		assertThat(timer("groupcommit.sync").count()).isEqualTo(2);
		assertThat(timer("groupcommit.sync").max(TimeUnit.NANOSECONDS)).as("the held write is not the sync")
			.isLessThan(queuedFor);
	}

	private Timer timer(String name) {
		return this.meterRegistry.get(name).tag("committer", "meters-test").timer();
	}

	/**
	 * A committer that inserts one row per write, each group once {@code release} is
	 * open. {@code writing} is counted down when a group starts being written.
	 */
	private GroupCommitter<Long> committer(GroupCommitSettings settings, CountDownLatch writing,
			CountDownLatch release) {
		return new GroupCommitter<>("meters-test", this.dataSource, (connection, batch) -> {
			writing.countDown();
			try {
				if (!release.await(30, TimeUnit.SECONDS)) {
					throw new SQLException("not released");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException(ex);
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO written VALUES (?)")) {
				for (long id : batch) {
					insert.setLong(1, id);
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}, settings, this.meterRegistry);
	}

}
