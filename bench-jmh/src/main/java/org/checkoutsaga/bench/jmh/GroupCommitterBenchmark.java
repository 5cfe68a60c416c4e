package org.checkoutsaga.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.checkoutsaga.support.BatchWriter;
import org.checkoutsaga.support.GroupCommitSettings;
import org.checkoutsaga.support.GroupCommitter;

/**
 * The {@link GroupCommitter} on an H2 file database as the services use it
 * ({@code WRITE_DELAY=0}, {@code max-batch} 512, {@code max-wait} 0, with and without
 * {@code CHECKPOINT SYNC} per group): one invocation submits {@code inFlight}
 * history-like rows at once and waits until all are durable. Time per invocation divided
 * by {@code inFlight} is the cost of one durable write at that concurrency.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class GroupCommitterBenchmark {

	private static final String PAYLOAD = "{\"type\":\"CheckoutStarted\",\"checkoutId\":\"0b7d473c-5bf8-43af-9c65-"
			+ "d6c10b64c278\",\"requestId\":\"0b7d473c-5bf8-43af-9c65-d6c10b64c278\",\"experimentId\":\"jmh\","
			+ "\"userId\":\"9ec33d65-669c-4542-953f-a35f6c3f1a2b\",\"items\":[{\"itemId\":\"item-17\",\"quantity\":2},"
			+ "{\"itemId\":\"item-42\",\"quantity\":3}],\"clientTimestamp\":1752313120631,\"source\":\"KAFKA\","
			+ "\"deadline\":1752313420631}";

	/** Whether each group ends with {@code CHECKPOINT SYNC} (the shipped default). */
	@Param({ "true", "false" })
	public boolean syncToDisk;

	/** Writes submitted together, as concurrent sagas would. */
	@Param({ "1", "64", "512" })
	public int inFlight;

	private final AtomicLong sequence = new AtomicLong();

	private Path dir;

	private HikariDataSource dataSource;

	private GroupCommitter<Row> committer;

	@Setup(Level.Trial)
	public void start() throws IOException, SQLException {
		this.dir = Files.createTempDirectory("groupcommit-jmh-");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:h2:file:" + this.dir.resolve("history") + ";WRITE_DELAY=0");
		config.setUsername("sa");
		config.setPassword("");
		config.setMaximumPoolSize(4);
		this.dataSource = new HikariDataSource(config);
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE saga_event (saga_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, "
					+ "payload VARCHAR(4000) NOT NULL, PRIMARY KEY (saga_id, seq))");
		}
		this.committer = new GroupCommitter<>("jmh", this.dataSource, new RowWriter(),
				new GroupCommitSettings(512, Duration.ZERO, this.syncToDisk), new SimpleMeterRegistry());
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		this.committer.close();
		this.dataSource.close();
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Benchmark
	public void commitWritesInFlight() {
		CompletableFuture<?>[] writes = new CompletableFuture<?>[this.inFlight];
		for (int i = 0; i < this.inFlight; i++) {
			long seq = this.sequence.incrementAndGet();
			writes[i] = this.committer.submit(new Row("saga-" + (seq / 4), seq, PAYLOAD));
		}
		CompletableFuture.allOf(writes).join();
	}

	record Row(String sagaId, long seq, String payload) {
	}

	static final class RowWriter implements BatchWriter<Row> {

		@Override
		public void write(Connection connection, List<Row> batch) throws SQLException {
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO saga_event (saga_id, seq, payload) VALUES (?, ?, ?)")) {
				for (Row row : batch) {
					insert.setString(1, row.sagaId());
					insert.setLong(2, row.seq());
					insert.setString(3, row.payload());
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}

	}

}
