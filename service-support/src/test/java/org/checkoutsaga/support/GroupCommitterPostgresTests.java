package org.checkoutsaga.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.checkoutsaga.support.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group committer on a real PostgreSQL with fsync and synchronous commits on: nothing
 * H2-specific is run there (it would fail), a group is one transaction, and a write is
 * acknowledged only once its group's commit waited for the WAL flush, also where the
 * database was configured not to wait.
 */
class GroupCommitterPostgresTests {

	private static final TestPostgres postgres = TestPostgres.shared();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private String database;

	private PGSimpleDataSource dataSource;

	@BeforeEach
	void createTable() throws SQLException {
		this.database = postgres.createDatabase("group_commit");
		this.dataSource = new PGSimpleDataSource();
		this.dataSource.setUrl(postgres.jdbcUrl(this.database));
		this.dataSource.setUser(TestPostgres.USER);
		this.dataSource.setPassword(TestPostgres.PASSWORD);
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE acked (id BIGINT PRIMARY KEY, settings VARCHAR(100) NOT NULL)");
		}
	}

	@Test
	void everyAcknowledgedWriteIsCommittedAndConcurrentWritesShareGroups() throws Exception {
		try (GroupCommitter<Long> committer = committer(new GroupCommitSettings(256, Duration.ZERO, true))) {
			List<CompletableFuture<Void>> writes = LongStream.range(0, 2000)
				.parallel()
				.mapToObj(committer::submit)
				.toList();

			CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}

		assertThat(count("SELECT COUNT(*) FROM acked")).isEqualTo(2000);
		assertThat(this.meterRegistry.get("groupcommit.batch.size").summary().max()).isGreaterThan(1);
		assertThat(this.meterRegistry.get("groupcommit.batch.size").summary().count()).isLessThan(2000);
	}

	@Test
	void aGroupThatFailsIsRolledBackWholeAndTheNextGroupCommits() throws Exception {
		// a group waits up to a second for its third write
		try (GroupCommitter<Long> committer = committer(new GroupCommitSettings(3, Duration.ofSeconds(1), true))) {
			List<CompletableFuture<Void>> group = List.of(committer.submit(1L), committer.submit(2L),
					committer.submit(1L));
			for (CompletableFuture<Void> write : group) {
				assertThatThrownBy(() -> write.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
			}
			assertThat(count("SELECT COUNT(*) FROM acked")).as("nothing of the failed group").isZero();

			committer.submit(1L).get(30, TimeUnit.SECONDS);
		}
		assertThat(count("SELECT COUNT(*) FROM acked")).isEqualTo(1);
	}

	@Test
	void eachGroupWaitsForTheWalFlushWhereTheDatabaseHasSynchronousCommitOff() throws Exception {
		postgres.execute("ALTER DATABASE " + this.database + " SET synchronous_commit = off");
		assertThat(setting("synchronous_commit")).as("outside the committer").isEqualTo("off");

		try (GroupCommitter<Long> durable = committer(new GroupCommitSettings(16, Duration.ZERO, true));
				GroupCommitter<Long> fast = committer(new GroupCommitSettings(16, Duration.ZERO, false))) {
			durable.submit(1L).get(30, TimeUnit.SECONDS);
			fast.submit(2L).get(30, TimeUnit.SECONDS);
		}

		assertThat(settingSeenBy(1)).isEqualTo("synchronous_commit=on");
		assertThat(settingSeenBy(2)).as("without syncToDisk the database's own setting stands")
			.isEqualTo("synchronous_commit=off");
	}

	/**
	 * A committer that inserts one row per write, noting the synchronous commit setting
	 * its transaction ran with.
	 */
	private GroupCommitter<Long> committer(GroupCommitSettings settings) {
		return new GroupCommitter<>("postgres-test", this.dataSource, (connection, batch) -> {
			String seen = "synchronous_commit=" + setting(connection, "synchronous_commit");
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acked VALUES (?, ?)")) {
				for (long id : batch) {
					insert.setLong(1, id);
					insert.setString(2, seen);
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}, settings, this.meterRegistry);
	}

	private String settingSeenBy(long id) throws SQLException {
		List<String> seen = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement("SELECT settings FROM acked WHERE id = ?")) {
			select.setLong(1, id);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					seen.add(rows.getString(1));
				}
			}
		}
		assertThat(seen).hasSize(1);
		return seen.get(0);
	}

	private String setting(String name) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			return setting(connection, name);
		}
	}

	private static String setting(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet value = statement.executeQuery("SHOW " + name)) {
			value.next();
			return value.getString(1);
		}
	}

	private long count(String sql) throws SQLException {
		List<Long> counts = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				counts.add(rows.getLong(1));
			}
		}
		return counts.get(0);
	}

}
