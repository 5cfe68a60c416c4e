package org.checkoutsaga.support;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Run in its own JVM by {@link GroupCommitterCrashTests}: writes rows through a
 * {@link GroupCommitter} from several threads as fast as it can and prints
 * {@code ack <id>} for every row whose write completed, until it is killed.
 */
public final class AcknowledgingWriter {

	private AcknowledgingWriter() {
	}

	public static void main(String[] args) throws Exception {
		JdbcDataSource dataSource = new JdbcDataSource();
		// H2's default WRITE_DELAY: the committer itself must make commits reach the file
		dataSource.setURL("jdbc:h2:file:" + args[0]);
		dataSource.setUser("sa");
		// kept open, as a pool would: H2 closes the database when its last connection
		// closes
		Connection keepOpen = dataSource.getConnection();
		try (Statement statement = keepOpen.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS acked (id BIGINT PRIMARY KEY, payload VARCHAR(200))");
		}
		GroupCommitter<Long> committer = new GroupCommitter<>("crash-test", dataSource, (connection, batch) -> {
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acked VALUES (?, ?)")) {
				for (long id : batch) {
					insert.setLong(1, id);
					insert.setString(2, "row " + id + " of a group-committed batch");
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}, new GroupCommitSettings(256, Duration.ZERO, Boolean.parseBoolean(args[1])), new SimpleMeterRegistry());
		PrintStream out = new PrintStream(System.out, false);
		AtomicLong ids = new AtomicLong();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		for (int w = 0; w < 4; w++) {
			writers.execute(() -> {
				while (true) {
					long id = ids.getAndIncrement();
					committer.submit(id).join();
					synchronized (out) {
						out.println("ack " + id);
						out.flush();
					}
				}
			});
		}
	}

}
