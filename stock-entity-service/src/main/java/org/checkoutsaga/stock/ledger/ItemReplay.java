package org.checkoutsaga.stock.ledger;

import java.util.Optional;

import org.checkoutsaga.stock.ledger.AuditedEntry.Partner;
import org.jspecify.annotations.Nullable;

import static org.checkoutsaga.stock.ledger.Findings.units;

/**
 * The replay of one item's ledger entries, in the order they were written, checking each
 * entry as it goes and the item's row at the end. Holds a few numbers, never the entries,
 * so an item with millions of entries costs no memory.
 * <p>
 * Two quantities are followed: the stock the ledger implies (the last {@code SET}, then
 * restocks and restores added and retractions taken away), which must never go below zero
 * and must end equal to {@code stock_item.quantity}; and the stock the previous entry
 * recorded, from which each entry's own {@code quantity_after} must follow. The second
 * starts again from each recorded value, so one wrong entry is reported once, not again
 * for every entry after it.
 */
final class ItemReplay {

	private final String itemId;

	/**
	 * The operation id of the last {@code SET}; null while the item was never created.
	 */
	private @Nullable String lastSet;

	private long baseline;

	private long restocked;

	private long retracted;

	private long restored;

	/** The stock the ledger implies. */
	private long implied;

	/** The stock the previous entry recorded as its {@code quantity_after}. */
	private long recorded;

	/**
	 * Whether the implied stock is below zero: reported when it gets there, not again.
	 */
	private boolean belowZero;

	private boolean replayedAny;

	private @Nullable Long storedQuantity;

	ItemReplay(String itemId) {
		this.itemId = itemId;
	}

	String itemId() {
		return this.itemId;
	}

	/**
	 * Replays the item's next entry.
	 * @param entry the entry, the item's next in the order of writing
	 * @param findings where violations go
	 */
	void apply(AuditedEntry entry, Findings findings) {
		// the row as read with the item's latest entries: the same statement saw both
		this.storedQuantity = entry.storedQuantity();
		Optional<Kind> kind = Kind.of(entry.kind());
		Optional<RecordedOutcome> known = RecordedOutcome.of(entry.outcome());
		if (kind.isEmpty() || known.isEmpty() || !known.get().isRecordedFor(kind.get())) {
			findings.add(entry, "is recorded as '" + entry.outcome() + "', which a " + entry.kind()
					+ " never is; the replay skips it");
			follow(entry);
			return;
		}
		RecordedOutcome outcome = known.get();
		long quantity = entry.quantity();
		if (quantity < 0) {
			findings.add(entry, "records a negative quantity, " + quantity + "; the replay skips it");
			follow(entry);
			return;
		}
		checkPair(entry, outcome, findings);
		if (outcome == RecordedOutcome.UNKNOWN_ITEM && isCreated()) {
			// its quantity_after is the 0 of the stale view: the next entry follows the
			// one
			// before
			findings.add(entry, "was refused as an unknown item, but SET " + this.lastSet
					+ " had created the item before it (decided on a stale view of the item?)");
			return;
		}
		if (!isCreated() && !isAllowedBeforeCreation(outcome, quantity)) {
			findings.add(entry, "is recorded as " + outcome.recordedName()
					+ " before any SET created the item; the replay skips it");
			follow(entry);
			return;
		}
		long expectedAfter;
		if (outcome == RecordedOutcome.STOCK_SET) {
			startFrom(entry.operationId(), quantity);
			expectedAfter = quantity;
		}
		else {
			long change = outcome.change(quantity);
			add(outcome, quantity, change);
			expectedAfter = this.recorded + change;
			if (outcome == RecordedOutcome.OUT_OF_STOCK && this.recorded >= quantity) {
				findings.add(entry, "was refused as out of stock, but the entry before it left " + units(this.recorded)
						+ ", enough for " + quantity);
			}
		}
		if (entry.quantityAfter() != expectedAfter) {
			findings.add(entry, "records quantity_after " + entry.quantityAfter() + ", but "
					+ expectation(outcome, quantity, expectedAfter));
		}
		if (this.implied < 0 && !this.belowZero) {
			findings.add(entry,
					"takes the stock the ledger implies to " + this.implied + "; it must never go below zero");
		}
		this.belowZero = this.implied < 0;
		follow(entry);
	}

	/**
	 * Checks the item's row against the replay, once all its entries are replayed.
	 * @param findings where violations go
	 */
	void finish(Findings findings) {
		if (this.storedQuantity == null) {
			if (isCreated()) {
				findings.add(this.itemId, null,
						"The ledger creates the item with SET " + this.lastSet + ", but stock_item has no row for it");
			}
			// an item never created has entries only for refusals of an unknown item
			return;
		}
		if (!isCreated()) {
			findings.add(this.itemId, null,
					"stock_item holds " + units(this.storedQuantity) + ", but no SET in the ledger created the item");
			return;
		}
		if (this.storedQuantity != this.implied) {
			findings.add(this.itemId, null,
					"stock_item holds " + units(this.storedQuantity) + ", but the ledger implies " + this.implied
							+ ": SET " + this.lastSet + " to " + this.baseline + ", then +" + this.restocked
							+ " restocked, -" + this.retracted + " retracted, +" + this.restored + " restored");
		}
	}

	private void checkPair(AuditedEntry entry, RecordedOutcome outcome, Findings findings) {
		Partner partner = entry.partner();
		long quantity = entry.quantity();
		if (outcome == RecordedOutcome.RESTORED && quantity > 0) {
			if (partner == null) {
				findings.add(entry,
						"gives back " + units(quantity) + ", but no retraction with this operation id was recorded");
			}
			else if (!partner.tookUnits()) {
				findings.add(entry, "gives back " + units(quantity) + ", but the retraction with this operation id"
						+ " was recorded as " + partner.outcome() + " and took nothing");
			}
			else if (!partner.isBefore(entry)) {
				findings.add(entry,
						"gives back " + units(quantity) + " before the retraction with this operation id took them");
			}
			else if (!partner.itemId().equals(entry.itemId())) {
				findings.add(entry, "gives back " + units(quantity)
						+ ", but the retraction with this operation id took them from item " + partner.itemId());
			}
			else if (partner.quantity() != quantity) {
				findings.add(entry, "gives back " + units(quantity)
						+ ", but the retraction with this operation id took " + partner.quantity());
			}
		}
		else if (outcome == RecordedOutcome.RESTORED) {
			if (partner != null && partner.tookUnits() && partner.isBefore(entry)) {
				findings.add(entry,
						"is a tombstone that gives back nothing, but the retraction with this operation id had taken "
								+ units(partner.quantity()) + " from item " + partner.itemId()
								+ " before it; they are never given back");
			}
		}
		else if (outcome == RecordedOutcome.RETRACTED) {
			if (partner != null && partner.isBefore(entry)) {
				findings.add(entry, "took " + units(quantity) + " after the restore with this operation id"
						+ " was recorded; it should have been cancelled, and nothing will give them back");
			}
		}
		else if (outcome == RecordedOutcome.RETRACT_CANCELLED) {
			if (partner == null || !partner.isBefore(entry)) {
				findings.add(entry, "is recorded as cancelled, but no restore with this operation id came before it");
			}
		}
	}

	/**
	 * The next entry is checked against this one's {@code quantity_after}, also when the
	 * replay skipped this one: its record is the best guess of what the entity saw.
	 */
	private void follow(AuditedEntry entry) {
		this.recorded = entry.quantityAfter();
		this.replayedAny = true;
	}

	private void startFrom(String setOperationId, long quantity) {
		this.lastSet = setOperationId;
		this.baseline = quantity;
		this.implied = quantity;
		this.restocked = 0;
		this.retracted = 0;
		this.restored = 0;
	}

	private void add(RecordedOutcome outcome, long quantity, long change) {
		this.implied += change;
		switch (outcome) {
			case RESTOCKED -> this.restocked += quantity;
			case RETRACTED -> this.retracted += quantity;
			case RESTORED -> this.restored += quantity;
			default -> {
				// a refusal moves nothing
			}
		}
	}

	private String expectation(RecordedOutcome outcome, long quantity, long expectedAfter) {
		String before = this.replayedAny ? "the entry before it left " + this.recorded : "the item had 0 before it";
		if (outcome == RecordedOutcome.STOCK_SET) {
			return "a SET to " + quantity + " leaves " + quantity;
		}
		long change = outcome.change(quantity);
		if (change == 0) {
			return before + " and this one changes nothing, so " + expectedAfter;
		}
		return before + " and this one changes it by " + ((change > 0) ? "+" : "") + change + ", so " + expectedAfter;
	}

	private boolean isCreated() {
		return this.lastSet != null;
	}

	/**
	 * What an item that was never created can have recorded: refusals of an unknown item
	 * and restores of retractions that never took anything.
	 */
	private static boolean isAllowedBeforeCreation(RecordedOutcome outcome, long quantity) {
		return switch (outcome) {
			case STOCK_SET, UNKNOWN_ITEM, RETRACT_CANCELLED -> true;
			case RESTORED -> quantity == 0;
			case RETRACTED, OUT_OF_STOCK, RESTOCKED -> false;
		};
	}

}
