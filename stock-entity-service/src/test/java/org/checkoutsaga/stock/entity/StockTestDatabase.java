package org.checkoutsaga.stock.entity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.checkoutsaga.support.GroupCommitSettings;
import org.checkoutsaga.support.GroupCommitter;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real database, an H2 file in a temporary folder or a PostgreSQL database, migrated by
 * the service's Flyway scripts, and the real entities on top of it (mailboxes, worker
 * pool, group committer), without Spring. {@link #restart()} drops every cached entity,
 * as a new instance would; {@link #startAnotherInstance()} runs a second instance beside
 * the first.
 */
final class StockTestDatabase implements AutoCloseable {

	private final HikariDataSource dataSource;

	private final JdbcClient jdbc;

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final List<AutoCloseable> running = new ArrayList<>();

	private StockEntities entities;

	private StockTestDatabase(String jdbcUrl, String username, String password) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(6);
		this.dataSource = new HikariDataSource(config);
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/stock-entity-service")
			.load()
			.migrate();
		this.jdbc = JdbcClient.create(this.dataSource);
		this.entities = start();
	}

	static StockTestDatabase in(Path folder) {
		return new StockTestDatabase("jdbc:h2:file:" + folder.resolve("stock").toAbsolutePath() + ";WRITE_DELAY=0",
				"sa", "");
	}

	/**
	 * An empty database of a server, e.g. PostgreSQL.
	 * @param jdbcUrl the database
	 * @param username its user
	 * @param password the user's password
	 * @return the database, migrated, with entities started on it
	 */
	static StockTestDatabase on(String jdbcUrl, String username, String password) {
		return new StockTestDatabase(jdbcUrl, username, password);
	}

	StockEntities entities() {
		return this.entities;
	}

	/**
	 * Stops the entities and their committer, then starts new ones on the same database.
	 * @return the new entities, with nothing cached
	 */
	StockEntities restart() {
		stopAll();
		this.entities = start();
		return this.entities;
	}

	/**
	 * Starts the entities of a second instance on the same database, with their own
	 * cache, mailboxes and group committer, as another process would have.
	 * @return the other instance's entities; stopped with this database
	 */
	StockEntities startAnotherInstance() {
		return start();
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	SimpleMeterRegistry meterRegistry() {
		return this.meterRegistry;
	}

	long storedQuantity(String itemId) {
		return this.jdbc.sql("SELECT quantity FROM stock_item WHERE item_id = ?")
			.param(itemId)
			.query(Long.class)
			.single();
	}

	long storedVersion(String itemId) {
		return this.jdbc.sql("SELECT version FROM stock_item WHERE item_id = ?")
			.param(itemId)
			.query(Long.class)
			.single();
	}

	long ledgerRows(String operationId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM stock_operation WHERE operation_id = ?")
			.param(operationId)
			.query(Long.class)
			.single();
	}

	long ledgerRows(String itemId, String outcome) {
		return this.jdbc.sql("SELECT COUNT(*) FROM stock_operation WHERE item_id = ? AND outcome = ?")
			.params(itemId, outcome)
			.query(Long.class)
			.single();
	}

	private StockEntities start() {
		GroupCommitter<ItemWrite> committer = new GroupCommitter<>("stock-test", this.dataSource,
				new StockWriter(Clock.systemUTC()), new GroupCommitSettings(512, Duration.ZERO, true),
				this.meterRegistry);
		StockEntities started = new StockEntities(new StockStore(this.jdbc), committer,
				new StockMetrics(this.meterRegistry), 4, 64);
		// close the entities before their committer, as the Spring context does
		this.running.add(committer);
		this.running.add(started);
		return started;
	}

	private void stopAll() {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			try {
				this.running.get(i).close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		this.running.clear();
	}

	@Override
	public void close() {
		stopAll();
		this.dataSource.close();
	}

}
