package org.checkoutsaga.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes one group of items inside the transaction a {@link GroupCommitter} opened. It
 * must not commit or roll back; throwing rolls the whole group back.
 *
 * @param <T> the items written
 */
@FunctionalInterface
public interface BatchWriter<T> {

	void write(Connection connection, List<T> batch) throws SQLException;

}
