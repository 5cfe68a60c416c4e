package org.checkoutsaga.orchestrator.history;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.checkoutsaga.support.testing.TestPostgres;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The migration that keys the history by saga number keeps every saga and event written
 * before it, numbers the sagas in the order they started, and leaves a schema the writer
 * can go on with, on H2 (with the service's Flyway locations) and on PostgreSQL.
 */
class HistoryMigrationTests {

	@TempDir
	Path folder;

	@Test
	void onH2SagasAndEventsWrittenBeforeTheMigrationAreKeptAndNumberedInStartOrder() {
		try (HikariDataSource dataSource = dataSource(
				"jdbc:h2:file:" + this.folder.resolve("orchestrator").toAbsolutePath() + ";WRITE_DELAY=0", "sa", "")) {
			JdbcClient jdbc = migrateWithHistoryWritten(dataSource, "db/migration/checkout-orchestrator-h2");

			assertThat(jdbc
				.sql("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
						+ " WHERE TABLE_NAME = 'SAGA_INSTANCE' AND COLUMN_NAME = 'SAGA_NO'")
				.query(Long.class)
				.single()).isEqualTo(100_000L);
		}
	}

	@Test
	void onPostgresqlSagasAndEventsWrittenBeforeTheMigrationAreKeptAndNumberedInStartOrder() {
		TestPostgres postgres = TestPostgres.shared();
		try (HikariDataSource dataSource = dataSource(postgres.jdbcUrl(postgres.createDatabase("history_migration")),
				TestPostgres.USER, TestPostgres.PASSWORD)) {
			migrateWithHistoryWritten(dataSource, "db/migration/checkout-orchestrator-postgresql");
		}
	}

	private static JdbcClient migrateWithHistoryWritten(DataSource dataSource, String vendorLocation) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/checkout-orchestrator")
			.target("1")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		// ids that sort against the order the sagas started, as clients' UUIDs do
		jdbc.sql("INSERT INTO saga_instance (saga_id, ingress_partition, status, started_at, finished_at,"
				+ " outcome_published) VALUES ('z-first', 0, 'COMPLETED', 100, 180, TRUE),"
				+ " ('a-second', 1, 'RUNNING', 200, NULL, FALSE)")
			.update();
		jdbc.sql("INSERT INTO saga_event (saga_id, seq, event_type, payload, recorded_at) VALUES"
				+ " ('z-first', 0, 'CheckoutStarted', 'z0', 100), ('z-first', 1, 'ReceiptStored', 'z1', 180),"
				+ " ('a-second', 0, 'CheckoutStarted', 'a0', 200)")
			.update();

		// the service's locations, {vendor} resolved as Spring Boot does
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/checkout-orchestrator", "classpath:" + vendorLocation)
			.load()
			.migrate();

		assertThat(jdbc
			.sql("SELECT saga_id, ingress_partition, status, finished_at, outcome_published"
					+ " FROM saga_instance ORDER BY saga_no")
			.query((row, index) -> tuple(row.getString(1), row.getInt(2), row.getString(3),
					row.getObject(4, Long.class), row.getBoolean(5)))
			.list()).containsExactly(tuple("z-first", 0, "COMPLETED", 180L, true),
					tuple("a-second", 1, "RUNNING", null, false));
		assertThat(jdbc
			.sql("SELECT s.saga_id, e.seq, e.event_type, e.payload, e.recorded_at FROM saga_event e"
					+ " JOIN saga_instance s ON s.saga_no = e.saga_no ORDER BY e.saga_no, e.seq")
			.query((row, index) -> tuple(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
					row.getLong(5)))
			.list()).containsExactly(tuple("z-first", 0, "CheckoutStarted", "z0", 100L),
					tuple("z-first", 1, "ReceiptStored", "z1", 180L),
					tuple("a-second", 0, "CheckoutStarted", "a0", 200L));

		// the writer's statements go on from there: a new saga gets the next number
		jdbc.sql("INSERT INTO saga_instance (saga_id, ingress_partition, status, started_at)"
				+ " VALUES ('m-third', 2, 'RUNNING', 300)")
			.update();
		assertThat(jdbc
			.sql("INSERT INTO saga_event (saga_no, seq, event_type, payload, recorded_at)"
					+ " SELECT saga_no, 0, 'CheckoutStarted', 'm0', 300 FROM saga_instance WHERE saga_id = 'm-third'")
			.update()).isOne();
		List<String> inStartOrder = jdbc.sql("SELECT saga_id FROM saga_instance ORDER BY saga_no")
			.query(String.class)
			.list();
		assertThat(inStartOrder).containsExactly("z-first", "a-second", "m-third");
		assertThatThrownBy(() -> jdbc
			.sql("INSERT INTO saga_event (saga_no, seq, event_type, payload, recorded_at)"
					+ " VALUES (999999, 0, 'CheckoutStarted', 'x', 1)")
			.update()).as("an event without a saga row").isInstanceOf(DataIntegrityViolationException.class);
		return jdbc;
	}

	private static HikariDataSource dataSource(String url, String user, String password) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		return new HikariDataSource(config);
	}

}
