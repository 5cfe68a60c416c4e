package org.checkoutsaga.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What "durable" means here, tested the hard way: a writer in another JVM is killed with
 * SIGKILL in the middle of group-committing, and every write it had been told was durable
 * must be in the database file afterwards. (H2's default write delay alone loses
 * thousands of committed rows this way.)
 */
class GroupCommitterCrashTests {

	private static final int ACKS_BEFORE_KILL = 3000;

	@TempDir
	Path dir;

	@ParameterizedTest(name = "syncToDisk={0}")
	@ValueSource(booleans = { true, false })
	void everyAcknowledgedWriteSurvivesKillDashNine(boolean syncToDisk) throws Exception {
		Path database = this.dir.resolve("crash-" + syncToDisk);
		Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-cp", System.getProperty("java.class.path"), AcknowledgingWriter.class.getName(),
				database.toString(), String.valueOf(syncToDisk))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		Set<Long> acknowledged = new HashSet<>();
		try (BufferedReader acks = new BufferedReader(
				new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (acknowledged.size() < ACKS_BEFORE_KILL && (line = acks.readLine()) != null) {
				acknowledged.add(Long.parseLong(line.substring("ack ".length())));
			}
			// SIGKILL while writes are in flight; acks not read by now are simply not
			// checked
			writer.destroyForcibly();
			assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			writer.destroyForcibly();
		}
		assertThat(acknowledged).as("the writer ran before it was killed")
			.hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

		Set<Long> stored = new HashSet<>();
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id FROM acked")) {
			while (rows.next()) {
				stored.add(rows.getLong(1));
			}
		}
		Set<Long> lost = new HashSet<>(acknowledged);
		lost.removeAll(stored);
		assertThat(lost).as("acknowledged writes lost to kill -9").isEmpty();
	}

}
