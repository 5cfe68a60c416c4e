package org.checkoutsaga.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What it takes, per database, for a committed group to be durable.
 * <ul>
 * <li>H2 keeps committed changes in memory for {@code WRITE_DELAY} ms (a killed process
 * loses them) and never forces its file to disk on commit. The write delay is set to zero
 * when the committer starts, and with {@code syncToDisk} every group is followed by
 * {@code CHECKPOINT SYNC}.</li>
 * <li>PostgreSQL makes a commit durable itself: with {@code synchronous_commit} on (its
 * default) a commit returns once its WAL is flushed, so nothing is added. Where the
 * server or database has it {@code off} (a commit then returns before the flush, and a
 * crash loses it), each group's transaction turns it back on for itself with
 * {@code SET LOCAL}. {@code fsync} off cannot be fixed from a session: it is logged.</li>
 * </ul>
 */
interface DiskSync {

	Log logger = LogFactory.getLog(DiskSync.class);

	DiskSync NONE = new DiskSync() {
	};

	/**
	 * Runs first in each group's transaction, before the group is written.
	 * @param connection the group's connection, auto-commit off
	 * @throws SQLException if the statement fails
	 */
	default void beforeWrites(Connection connection) throws SQLException {
	}

	/**
	 * Runs after each group's commit.
	 * @param connection the group's connection
	 * @throws SQLException if the sync fails
	 */
	default void afterCommit(Connection connection) throws SQLException {
	}

	/**
	 * Prepares the database behind the data source and returns the sync to run around
	 * each group commit.
	 * @param dataSource the database
	 * @param syncToDisk whether each group must reach the disk
	 * @return the sync steps
	 * @throws SQLException if the database cannot be reached
	 */
	static DiskSync prepare(DataSource dataSource, boolean syncToDisk) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("h2")) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET WRITE_DELAY 0");
				}
				return syncToDisk ? H2Checkpoint.INSTANCE : NONE;
			}
			if (product.contains("postgres")) {
				return syncToDisk ? PostgresSynchronousCommit.prepare(connection) : NONE;
			}
			if (syncToDisk) {
				logger.warn("Unknown database '" + product + "': relying on its commit being durable");
			}
			return NONE;
		}
	}

	/** H2: forces the file to disk after each group. */
	enum H2Checkpoint implements DiskSync {

		INSTANCE;

		@Override
		public void afterCommit(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CHECKPOINT SYNC");
			}
		}

	}

	/**
	 * PostgreSQL: nothing while its commits wait for the WAL flush; otherwise each group
	 * waits for it.
	 */
	enum PostgresSynchronousCommit implements DiskSync {

		/** {@code synchronous_commit} is off for this connection's role and database. */
		ENFORCED;

		static DiskSync prepare(Connection connection) throws SQLException {
			if ("off".equals(setting(connection, "fsync"))) {
				logger.warn("PostgreSQL runs with fsync off: a committed group survives a crash of the service "
						+ "and of PostgreSQL, but not of the machine");
			}
			if (!"off".equals(setting(connection, "synchronous_commit"))) {
				return NONE;
			}
			logger.info("PostgreSQL has synchronous_commit off: each group commit turns it on for itself");
			return ENFORCED;
		}

		@Override
		public void beforeWrites(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL synchronous_commit TO on");
			}
		}

		private static String setting(Connection connection, String name) throws SQLException {
			try (Statement statement = connection.createStatement();
					ResultSet value = statement.executeQuery("SHOW " + name)) {
				return value.next() ? value.getString(1) : "";
			}
		}

	}

}
