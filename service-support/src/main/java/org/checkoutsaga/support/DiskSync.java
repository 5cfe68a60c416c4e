package org.checkoutsaga.support;

import java.sql.Connection;
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
 * <li>PostgreSQL makes a commit durable itself ({@code fsync} and
 * {@code synchronous_commit} on, its defaults), so nothing is added.</li>
 * </ul>
 */
@FunctionalInterface
interface DiskSync {

	Log logger = LogFactory.getLog(DiskSync.class);

	DiskSync NONE = (connection) -> {
	};

	void afterCommit(Connection connection) throws SQLException;

	/**
	 * Prepares the database behind the data source and returns the sync to run after each
	 * group commit.
	 * @param dataSource the database
	 * @param syncToDisk whether each group must reach the disk
	 * @return the sync step
	 * @throws SQLException if the database cannot be reached
	 */
	static DiskSync prepare(DataSource dataSource, boolean syncToDisk) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("h2")) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET WRITE_DELAY 0");
				}
				return syncToDisk ? DiskSync::checkpointH2 : NONE;
			}
			if (!product.contains("postgres") && syncToDisk) {
				logger.warn("Unknown database '" + product + "': relying on its commit being durable");
			}
			return NONE;
		}
	}

	private static void checkpointH2(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CHECKPOINT SYNC");
		}
	}

}
