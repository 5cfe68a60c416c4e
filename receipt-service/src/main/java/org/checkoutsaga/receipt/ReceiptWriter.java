package org.checkoutsaga.receipt;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.checkoutsaga.support.BatchWriter;

/**
 * Writes one group of {@link ReceiptWrite receipt writes} in the group committer's
 * transaction: reads the stored state of the group's checkouts, decides every write in
 * the order it was submitted, then inserts the new rows and marks the cancelled receipts,
 * one batch each. The committer's single thread is the only writer of this instance;
 * across instances the primary key decides, and the losing group fails and rolls back.
 */
final class ReceiptWriter implements BatchWriter<ReceiptWrite<?>> {

	private final ReceiptRepository repository;

	ReceiptWriter(ReceiptRepository repository) {
		this.repository = repository;
	}

	@Override
	public void write(Connection connection, List<ReceiptWrite<?>> writes) throws SQLException {
		Set<String> checkoutIds = new LinkedHashSet<>();
		for (ReceiptWrite<?> write : writes) {
			checkoutIds.add(write.checkoutId());
		}
		Map<String, ReceiptState> stored = this.repository.findStates(connection, checkoutIds);
		Map<String, ReceiptState> states = new LinkedHashMap<>(stored);
		for (ReceiptWrite<?> write : writes) {
			states.put(write.checkoutId(), write.applyTo(states.get(write.checkoutId())));
		}
		List<ReceiptState> inserts = new ArrayList<>();
		List<ReceiptState.Cancelled> cancels = new ArrayList<>();
		for (ReceiptState after : states.values()) {
			ReceiptState before = stored.get(after.checkoutId());
			if (after.equals(before)) {
				continue;
			}
			if (before instanceof ReceiptState.Absent) {
				inserts.add(after);
			}
			else if (before instanceof ReceiptState.Live && after instanceof ReceiptState.Cancelled cancelled) {
				cancels.add(cancelled);
			}
			else {
				throw new IllegalStateException("A checkout cannot go from " + before + " to " + after);
			}
		}
		this.repository.insert(connection, inserts);
		this.repository.markCancelled(connection, cancels);
	}

}
