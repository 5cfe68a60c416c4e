package org.checkoutsaga.stock.entity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.checkoutsaga.stock.entity.LedgerEntry.Kind;
import org.checkoutsaga.stock.entity.LedgerEntry.OpKey;
import org.checkoutsaga.stock.entity.StockItem.Decision;

/**
 * The mailbox of one entity {@code stock/<itemId>}: messages queue up and one worker at a
 * time drains them, at most {@code throughput} per turn before yielding the worker to
 * other mailboxes. A turn loads the entity if needed, asks the ledger once for the
 * operation ids the entity has not seen in memory, then handles the messages in order.
 * New entries are applied at once and handed to the group committer; their callers are
 * answered when the write is durable, while the mailbox already goes on with the next
 * message (pipelining).
 */
final class Mailbox implements Runnable {

	private final String itemId;

	private final StockEntities entities;

	private final Queue<Envelope> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private volatile boolean cleanupRequested;

	/** The cached entity; only the worker holding {@link #scheduled} touches it. */
	private LiveItem live;

	Mailbox(String itemId, StockEntities entities) {
		this.itemId = itemId;
		this.entities = entities;
	}

	/**
	 * Queues a message without scheduling; {@link StockEntities} calls it while it holds
	 * the registry's lock for this item, so a mailbox is never dropped with messages in
	 * it.
	 * @param envelope the message
	 */
	void enqueue(Envelope envelope) {
		this.queue.add(envelope);
	}

	/** Makes sure a worker drains the mailbox if it has messages. */
	void schedule() {
		if (!this.queue.isEmpty() || this.cleanupRequested) {
			if (this.scheduled.compareAndSet(false, true)) {
				try {
					this.entities.execute(this);
				}
				catch (RejectedExecutionException ex) {
					this.scheduled.set(false);
					failQueued(ex);
				}
			}
		}
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	@Override
	public void run() {
		try {
			turn();
		}
		finally {
			this.scheduled.set(false);
			schedule();
		}
	}

	private void turn() {
		this.cleanupRequested = false;
		List<Envelope> batch = drain();
		LiveItem item;
		Map<OpKey, LedgerEntry> recorded;
		try {
			item = current(!batch.isEmpty());
			if (item == null) {
				return;
			}
			item.forgetConfirmed();
			recorded = this.entities.store().findRecorded(unseenOperationIds(item, batch));
		}
		catch (RuntimeException ex) {
			// the database is unreachable: nothing was decided, the callers may retry
			batch.forEach((envelope) -> envelope.fail(unavailable("Could not read stock/" + this.itemId, ex)));
			return;
		}
		OperationHistory history = (key) -> item.findUnconfirmed(key).or(() -> Optional.ofNullable(recorded.get(key)));
		for (Envelope envelope : batch) {
			try {
				if (envelope instanceof Envelope.Perform perform) {
					perform(item, perform, history);
				}
				else {
					read(item, (Envelope.Read) envelope);
				}
			}
			catch (RuntimeException ex) {
				envelope.fail(ex);
			}
		}
		if (!item.item().isStocked() && !item.hasUnconfirmed() && this.queue.isEmpty()) {
			// keep unknown item ids (typos, probes) from piling up in memory
			this.entities.dropIfIdle(this);
		}
	}

	private List<Envelope> drain() {
		int max = this.entities.throughput();
		List<Envelope> batch = new ArrayList<>(Math.min(max, 16));
		Envelope next;
		while (batch.size() < max && (next = this.queue.poll()) != null) {
			batch.add(next);
		}
		long taken = System.nanoTime();
		for (Envelope envelope : batch) {
			this.entities.metrics().waited(envelope.queued(), taken);
		}
		return batch;
	}

	/**
	 * The entity to work on: loaded on first use and after a failed write; an unknown
	 * item is looked up again, in case another instance has created it.
	 */
	private LiveItem current(boolean hasMessages) {
		if (this.live == null || this.live.isPoisoned()) {
			this.live = hasMessages ? new LiveItem(this.entities.store().load(this.itemId)) : null;
		}
		else if (hasMessages && !this.live.item().isStocked()) {
			StockItem stored = this.entities.store().load(this.itemId);
			if (stored.isStocked()) {
				this.live.adopt(stored);
			}
		}
		return this.live;
	}

	private Set<String> unseenOperationIds(LiveItem item, List<Envelope> batch) {
		Set<String> ids = new LinkedHashSet<>();
		for (Envelope envelope : batch) {
			if (envelope instanceof Envelope.Perform perform) {
				StockItemCommand command = perform.command();
				boolean clientId = command.kind() == Kind.RETRACT || command.kind() == Kind.RESTORE;
				// admin commands carry fresh generated ids: nothing to look up
				if (clientId && item.findUnconfirmed(new OpKey(command.operationId(), command.kind())).isEmpty()) {
					ids.add(command.operationId());
				}
			}
		}
		return ids;
	}

	private void perform(LiveItem item, Envelope.Perform perform, OperationHistory history) {
		StockItem state = item.item();
		boolean wasStocked = state.isStocked();
		long versionBefore = state.version();
		Decision decision = state.handle(perform.command(), history);
		LedgerEntry entry = decision.entry();
		Recorded answer = new Recorded(entry, state.version());
		if (decision.repeat()) {
			this.entities.metrics().repeated(entry);
			CompletableFuture<Void> pending = item.durability(entry.key());
			if (pending == null) {
				perform.reply().complete(answer);
			}
			else {
				pending.whenComplete((ok, failure) -> complete(perform, answer, failure));
			}
			return;
		}
		ItemWrite.RowChange row = state.isStocked()
				? new ItemWrite.RowChange(!wasStocked, versionBefore, state.quantity(), state.version()) : null;
		ItemWrite write = new ItemWrite(item, entry, row);
		CompletableFuture<Void> durable = new CompletableFuture<>();
		item.recorded(entry, durable);
		durable.whenComplete((ok, failure) -> complete(perform, answer, failure));
		this.entities.committer().submit(write).whenComplete((ok, failure) -> written(write, durable, failure));
	}

	/** Runs on the committer thread (or on this worker if the write already finished). */
	private void written(ItemWrite write, CompletableFuture<Void> durable, Throwable failure) {
		LedgerEntry entry = write.entry();
		if (failure == null && !write.isSkipped()) {
			write.owner().confirmed(entry.key());
			this.entities.metrics().recorded(entry);
			durable.complete(null);
			if (write.row() == null) {
				requestCleanup();
			}
			return;
		}
		write.owner().poison();
		this.entities.metrics().unavailable(entry.kind());
		String reason = (failure != null) ? "The write of stock/" + this.itemId + " failed"
				: "stock/" + this.itemId + " was reloaded after an earlier write failed";
		durable.completeExceptionally(unavailable(reason, failure));
	}

	private void read(LiveItem item, Envelope.Read read) {
		StockItem state = item.item();
		Optional<ItemState> snapshot = state.isStocked()
				? Optional.of(new ItemState(this.itemId, state.quantity(), state.version())) : Optional.empty();
		// durable before visible: show the state once what it includes is written
		item.lastWrite().whenComplete((ok, failure) -> {
			if (failure != null) {
				read.reply().completeExceptionally(unavailable("stock/" + this.itemId + " is being reloaded", failure));
			}
			else {
				read.reply().complete(snapshot);
			}
		});
	}

	private static void complete(Envelope.Perform perform, Recorded answer, Throwable failure) {
		if (failure == null) {
			perform.reply().complete(answer);
		}
		else {
			perform.reply().completeExceptionally(unwrap(failure));
		}
	}

	private void requestCleanup() {
		this.cleanupRequested = true;
		schedule();
	}

	private void failQueued(Throwable cause) {
		Envelope envelope;
		while ((envelope = this.queue.poll()) != null) {
			envelope.fail(unavailable("The stock service is shutting down", cause));
		}
	}

	String itemId() {
		return this.itemId;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static StockUnavailableException unavailable(String message, Throwable cause) {
		Throwable root = (cause != null) ? unwrap(cause) : null;
		if (root instanceof StockUnavailableException already) {
			return already;
		}
		return new StockUnavailableException(message, root);
	}

	/**
	 * What a command led to.
	 *
	 * @param entry the entry answering it
	 * @param version the item's version right after the command was handled
	 */
	record Recorded(LedgerEntry entry, long version) {
	}

	/** A message to an entity. */
	sealed interface Envelope {

		void fail(Throwable failure);

		/**
		 * When the message was sent.
		 * @return its {@link System#nanoTime()}
		 */
		long queued();

		/**
		 * A command; answered when its entry is durable.
		 *
		 * @param command the command
		 * @param reply completed with what the command led to
		 * @param queued {@link System#nanoTime()} when it was sent
		 */
		record Perform(StockItemCommand command, CompletableFuture<Recorded> reply, long queued) implements Envelope {

			@Override
			public void fail(Throwable failure) {
				this.reply.completeExceptionally(failure);
			}

		}

		/**
		 * A read of the current state; answered once that state is durable.
		 *
		 * @param reply completed with the state
		 * @param queued {@link System#nanoTime()} when it was sent
		 */
		record Read(CompletableFuture<Optional<ItemState>> reply, long queued) implements Envelope {

			@Override
			public void fail(Throwable failure) {
				this.reply.completeExceptionally(failure);
			}

		}

	}

}
