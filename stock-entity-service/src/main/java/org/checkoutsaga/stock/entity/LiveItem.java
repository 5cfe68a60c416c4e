package org.checkoutsaga.stock.entity;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.checkoutsaga.stock.entity.LedgerEntry.OpKey;

/**
 * One incarnation of a cached entity: the item loaded from the database plus the entries
 * it recorded that are not yet known to be durable. If one of its writes fails, the
 * incarnation is poisoned: its state includes a change that never became durable, so its
 * later writes are skipped and its mailbox loads a fresh incarnation.
 * <p>
 * Everything but {@link #confirmed} and the poison flag is confined to the mailbox's
 * current worker.
 */
final class LiveItem {

	private StockItem item;

	private final Map<OpKey, Unconfirmed> unconfirmed = new HashMap<>();

	/** Keys whose writes are durable, filled by the committer thread. */
	private final Queue<OpKey> confirmed = new ConcurrentLinkedQueue<>();

	private volatile boolean poisoned;

	private CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

	LiveItem(StockItem item) {
		this.item = item;
	}

	StockItem item() {
		return this.item;
	}

	/**
	 * Takes over the row another instance created for an item this incarnation had as
	 * unknown; its own entries of the unknown item touched no row.
	 * @param stocked the item as now stored
	 */
	void adopt(StockItem stocked) {
		this.item = stocked;
	}

	/**
	 * Forgets the entries whose writes are durable: from now on the ledger answers for
	 * them. Done at the start of a turn, before the ledger is asked, so an entry is
	 * always either still here or already visible in the ledger.
	 */
	void forgetConfirmed() {
		OpKey key;
		while ((key = this.confirmed.poll()) != null) {
			this.unconfirmed.remove(key);
		}
	}

	Optional<LedgerEntry> findUnconfirmed(OpKey key) {
		Unconfirmed pending = this.unconfirmed.get(key);
		return (pending != null) ? Optional.of(pending.entry()) : Optional.empty();
	}

	/**
	 * When the write of an entry recorded by this incarnation is durable.
	 * @param key the entry's key
	 * @return completes when durable; null if the entry is not pending here
	 */
	CompletableFuture<Void> durability(OpKey key) {
		Unconfirmed pending = this.unconfirmed.get(key);
		return (pending != null) ? pending.durable() : null;
	}

	void recorded(LedgerEntry entry, CompletableFuture<Void> durable) {
		this.unconfirmed.put(entry.key(), new Unconfirmed(entry, durable));
		this.lastWrite = durable;
	}

	void confirmed(OpKey key) {
		this.confirmed.add(key);
	}

	boolean hasUnconfirmed() {
		return !this.unconfirmed.isEmpty();
	}

	/**
	 * Completes when every write recorded so far is durable.
	 * @return the last write's completion
	 */
	CompletableFuture<?> lastWrite() {
		return this.lastWrite;
	}

	void poison() {
		this.poisoned = true;
	}

	boolean isPoisoned() {
		return this.poisoned;
	}

	private record Unconfirmed(LedgerEntry entry, CompletableFuture<Void> durable) {
	}

}
