package org.checkoutsaga.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a unique index on a client's random id costs each new row in an H2 file, as the
 * saga table's {@code saga_id}, the stock ledger's operation id and the receipts'
 * checkout id each have one. One invocation commits a group of {@value #GROUP} new rows
 * keyed by a sequence (as the services' group committers do, {@code WRITE_DELAY=0}, no
 * sync: the sync is per group, not per row) into a table that already holds
 * {@value #ROWS_BEFORE} rows, with or without the unique index on the random id. H2
 * writes each changed page anew at commit: rows keyed by a sequence share the last pages,
 * random ids land on a page of their own, so the index costs about one page per row.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RandomKeyIndexBenchmark {

	private static final int GROUP = 100;

	private static final int ROWS_BEFORE = 100_000;

	/** Whether the random id has a unique index (as the shipped schemas have). */
	@Param({ "true", "false" })
	public boolean uniqueRandomId;

	private long sequence;

	private Path dir;

	private Connection connection;

	private PreparedStatement insert;

	@Setup(Level.Trial)
	public void start() throws IOException, SQLException {
		this.dir = Files.createTempDirectory("random-key-jmh-");
		this.connection = DriverManager.getConnection("jdbc:h2:file:" + this.dir.resolve("keys") + ";WRITE_DELAY=0",
				"sa", "");
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("CREATE TABLE saga (saga_no BIGINT PRIMARY KEY, saga_id VARCHAR(64) NOT NULL"
					+ (this.uniqueRandomId ? " UNIQUE" : "") + ", status VARCHAR(32) NOT NULL, started_at BIGINT)");
		}
		this.connection.setAutoCommit(false);
		this.insert = this.connection
			.prepareStatement("INSERT INTO saga (saga_no, saga_id, status, started_at) VALUES (?, ?, 'RUNNING', ?)");
		for (int i = 0; i < ROWS_BEFORE / GROUP; i++) {
			insertGroup();
		}
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException, SQLException {
		this.connection.close();
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/** One group of new rows in one commit; the score is per row. */
	@Benchmark
	@OperationsPerInvocation(GROUP)
	public void commitGroupOfNewRows() throws SQLException {
		insertGroup();
	}

	private void insertGroup() throws SQLException {
		for (int i = 0; i < GROUP; i++) {
			this.insert.setLong(1, ++this.sequence);
			this.insert.setString(2, UUID.randomUUID().toString());
			this.insert.setLong(3, this.sequence);
			this.insert.addBatch();
		}
		this.insert.executeBatch();
		this.connection.commit();
	}

}
