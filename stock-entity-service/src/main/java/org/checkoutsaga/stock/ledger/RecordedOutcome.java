package org.checkoutsaga.stock.ledger;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The outcomes the ledger records in its {@code outcome} column, with the kinds of
 * operation that can have them and what each does to the item's stock. Written from the
 * ledger's meaning rather than borrowed from the entity's code, so that the audit checks
 * the entities instead of repeating them.
 */
enum RecordedOutcome {

	/** Units taken out of stock. */
	RETRACTED("Retracted", Set.of(Kind.RETRACT)),

	/** A retraction refused: fewer units than asked for. */
	OUT_OF_STOCK("OutOfStock", Set.of(Kind.RETRACT)),

	/** A retraction or restock refused: the item was never stocked. */
	UNKNOWN_ITEM("UnknownItem", Set.of(Kind.RETRACT, Kind.RESTOCK)),

	/** A retraction refused because its restore came first. */
	RETRACT_CANCELLED("RetractCancelled", Set.of(Kind.RETRACT)),

	/**
	 * Units given back; zero for a tombstone, the restore of a retraction that never took
	 * anything.
	 */
	RESTORED("Restored", Set.of(Kind.RESTORE)),

	/** The stock set to an absolute quantity, creating the item if new. */
	STOCK_SET("StockSet", Set.of(Kind.SET)),

	/** Units added to an existing item. */
	RESTOCKED("Restocked", Set.of(Kind.RESTOCK));

	private final String recordedName;

	private final Set<Kind> kinds;

	RecordedOutcome(String recordedName, Set<Kind> kinds) {
		this.recordedName = recordedName;
		this.kinds = kinds;
	}

	static Optional<RecordedOutcome> of(String recordedName) {
		return Arrays.stream(values()).filter((outcome) -> outcome.recordedName.equals(recordedName)).findFirst();
	}

	String recordedName() {
		return this.recordedName;
	}

	boolean isRecordedFor(Kind kind) {
		return this.kinds.contains(kind);
	}

	/**
	 * The signed change an entry with this outcome makes to the stock, except for
	 * {@link #STOCK_SET}, whose change depends on the quantity before it.
	 * @param quantity the entry's quantity
	 * @return the change: negative for a retraction, positive for a restore or restock,
	 * zero for a refusal
	 */
	long change(long quantity) {
		return switch (this) {
			case RETRACTED -> -quantity;
			case RESTORED, RESTOCKED -> quantity;
			case OUT_OF_STOCK, UNKNOWN_ITEM, RETRACT_CANCELLED -> 0;
			case STOCK_SET -> throw new IllegalStateException("A SET changes the stock to its quantity, not by it");
		};
	}

}
