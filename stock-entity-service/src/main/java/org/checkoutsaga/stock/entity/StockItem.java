package org.checkoutsaga.stock.entity;

import java.util.Optional;

import org.checkoutsaga.stock.entity.LedgerEntry.Kind;
import org.checkoutsaga.stock.entity.LedgerEntry.OpKey;
import org.checkoutsaga.stock.entity.LedgerEntry.Outcome;
import org.checkoutsaga.stock.entity.StockItemCommand.Restock;
import org.checkoutsaga.stock.entity.StockItemCommand.Restore;
import org.checkoutsaga.stock.entity.StockItemCommand.Retract;
import org.checkoutsaga.stock.entity.StockItemCommand.SetQuantity;

/**
 * One stock item's state and rules, without any I/O: a command is validated against the
 * state and the item's history, what happened is recorded as a {@link LedgerEntry}, and
 * the state changes only in {@link #apply(LedgerEntry)}, the same code that replays
 * entries. Not thread-safe: its mailbox runs it one operation at a time.
 */
final class StockItem {

	private final String itemId;

	private boolean stocked;

	private long quantity;

	private long version;

	private StockItem(String itemId, boolean stocked, long quantity, long version) {
		this.itemId = itemId;
		this.stocked = stocked;
		this.quantity = quantity;
		this.version = version;
	}

	/**
	 * An item as stored in {@code stock_item}.
	 * @param itemId the item
	 * @param quantity its stock
	 * @param version its row version
	 * @return the item
	 */
	static StockItem stocked(String itemId, long quantity, long version) {
		return new StockItem(itemId, true, quantity, version);
	}

	/**
	 * An item that was never stocked: it has no row yet.
	 * @param itemId the item
	 * @return the item
	 */
	static StockItem unknown(String itemId) {
		return new StockItem(itemId, false, 0, 0);
	}

	/**
	 * Handles one command. A command seen before (same operation id and kind) is answered
	 * with its recorded entry and changes nothing. An operation id recorded for another
	 * item is refused with {@link OperationIdReusedException}, and changes nothing.
	 * @param command what to do
	 * @param history the operations recorded so far
	 * @return the entry that answers the command, already applied when new
	 */
	Decision handle(StockItemCommand command, OperationHistory history) {
		Optional<LedgerEntry> earlier = ofThisItem(history.find(new OpKey(command.operationId(), command.kind())));
		if (earlier.isPresent()) {
			return new Decision(earlier.get(), true);
		}
		// kind() names the record: the casts cannot fail (no pattern switch on Java 17)
		return switch (command.kind()) {
			case RETRACT -> retract((Retract) command, history);
			case RESTORE -> restore((Restore) command, history);
			case SET -> set((SetQuantity) command);
			case RESTOCK -> restock((Restock) command);
		};
	}

	private Decision retract(Retract command, OperationHistory history) {
		String id = command.operationId();
		int units = command.quantity();
		if (ofThisItem(history.find(new OpKey(id, Kind.RESTORE))).isPresent()) {
			return record(id, Kind.RETRACT, units, Outcome.RETRACT_CANCELLED, this.quantity);
		}
		if (!this.stocked) {
			return record(id, Kind.RETRACT, units, Outcome.UNKNOWN_ITEM, this.quantity);
		}
		if (this.quantity < units) {
			return record(id, Kind.RETRACT, units, Outcome.OUT_OF_STOCK, this.quantity);
		}
		return record(id, Kind.RETRACT, units, Outcome.RETRACTED, this.quantity - units);
	}

	private Decision restore(Restore command, OperationHistory history) {
		String id = command.operationId();
		Optional<LedgerEntry> retraction = ofThisItem(history.find(new OpKey(id, Kind.RETRACT)))
			.filter((entry) -> entry.outcome() == Outcome.RETRACTED);
		if (retraction.isEmpty()) {
			// a tombstone: the retraction never took anything, and must not if it comes
			// late
			return record(id, Kind.RESTORE, 0, Outcome.RESTORED, this.quantity);
		}
		long units = retraction.get().quantity();
		return record(id, Kind.RESTORE, units, Outcome.RESTORED, Math.addExact(this.quantity, units));
	}

	/**
	 * @throws OperationIdReusedException if the entry is of another item
	 */
	private Optional<LedgerEntry> ofThisItem(Optional<LedgerEntry> entry) {
		if (entry.isPresent() && !entry.get().itemId().equals(this.itemId)) {
			throw new OperationIdReusedException(entry.get().operationId(), this.itemId, entry.get().itemId());
		}
		return entry;
	}

	private Decision set(SetQuantity command) {
		return record(command.operationId(), Kind.SET, command.quantity(), Outcome.STOCK_SET, command.quantity());
	}

	private Decision restock(Restock command) {
		String id = command.operationId();
		if (!this.stocked) {
			return record(id, Kind.RESTOCK, command.quantity(), Outcome.UNKNOWN_ITEM, this.quantity);
		}
		return record(id, Kind.RESTOCK, command.quantity(), Outcome.RESTOCKED,
				Math.addExact(this.quantity, command.quantity()));
	}

	private Decision record(String operationId, Kind kind, long units, Outcome outcome, long quantityAfter) {
		LedgerEntry entry = new LedgerEntry(operationId, kind, this.itemId, units, outcome, quantityAfter);
		apply(entry);
		return new Decision(entry, false);
	}

	/**
	 * Changes the state as the entry says; used both when an entry is recorded and when
	 * entries are replayed. Every entry of a stocked item counts as a new version, so a
	 * refusal is fenced like a change: it too was decided on the latest state.
	 * @param entry what happened
	 */
	void apply(LedgerEntry entry) {
		switch (entry.outcome()) {
			case RETRACTED -> this.quantity -= entry.quantity();
			case RESTORED, RESTOCKED -> this.quantity += entry.quantity();
			case STOCK_SET -> {
				this.quantity = entry.quantity();
				this.stocked = true;
			}
			case OUT_OF_STOCK, UNKNOWN_ITEM, RETRACT_CANCELLED -> {
				// a refusal changes no stock
			}
		}
		if (this.stocked) {
			this.version++;
		}
	}

	String itemId() {
		return this.itemId;
	}

	boolean isStocked() {
		return this.stocked;
	}

	long quantity() {
		return this.quantity;
	}

	long version() {
		return this.version;
	}

	/**
	 * How a command was answered.
	 *
	 * @param entry the entry that answers it
	 * @param repeat whether the entry was recorded earlier (nothing changed now)
	 */
	record Decision(LedgerEntry entry, boolean repeat) {
	}

}
