package org.checkoutsaga.stock.entity;

/**
 * One durable write of an entity: a ledger entry, plus the item row's new values when the
 * item exists (or is created by this entry).
 */
final class ItemWrite {

	private final LiveItem owner;

	private final LedgerEntry entry;

	private final RowChange row;

	private volatile boolean skipped;

	ItemWrite(LiveItem owner, LedgerEntry entry, RowChange row) {
		this.owner = owner;
		this.entry = entry;
		this.row = row;
	}

	LiveItem owner() {
		return this.owner;
	}

	LedgerEntry entry() {
		return this.entry;
	}

	/**
	 * The row change, null when the item has no row (a refusal of an unknown item).
	 * @return the row change or null
	 */
	RowChange row() {
		return this.row;
	}

	/**
	 * Whether the writer left this write out because its entity was discarded after an
	 * earlier failed write: its state built on a change that never became durable.
	 * @return whether the write was left out
	 */
	boolean isSkipped() {
		return this.skipped;
	}

	void skip() {
		this.skipped = true;
	}

	/**
	 * The item row after the write, guarded by the version the entity last saw.
	 *
	 * @param insert whether the row is new (the item's first {@code SET})
	 * @param expectedVersion the version the row must have now (ignored on insert)
	 * @param quantity the new quantity
	 * @param version the new version
	 */
	record RowChange(boolean insert, long expectedVersion, long quantity, long version) {

		/**
		 * Coalesces two consecutive changes of the same row into one.
		 * @param next the later change
		 * @return a change from this one's starting point to the later one's values
		 */
		RowChange then(RowChange next) {
			return new RowChange(this.insert, this.expectedVersion, next.quantity, next.version);
		}

	}

}
