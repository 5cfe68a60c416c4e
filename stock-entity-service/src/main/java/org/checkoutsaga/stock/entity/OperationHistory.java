package org.checkoutsaga.stock.entity;

import java.util.Optional;

import org.checkoutsaga.stock.entity.LedgerEntry.OpKey;

/**
 * The operations an item has recorded, as far as a decision needs them: the entity's
 * recorded-but-not-yet-durable entries, then the ledger.
 */
@FunctionalInterface
interface OperationHistory {

	Optional<LedgerEntry> find(OpKey key);

}
