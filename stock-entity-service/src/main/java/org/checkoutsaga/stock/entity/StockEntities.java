package org.checkoutsaga.stock.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.stock.entity.LedgerEntry.Outcome;
import org.checkoutsaga.stock.entity.Mailbox.Envelope;
import org.checkoutsaga.stock.entity.Mailbox.Recorded;
import org.checkoutsaga.support.GroupCommitter;

/**
 * The virtual entities {@code stock/<itemId>}: every item has a mailbox, created on first
 * use, whose entity is loaded from the database on first use and then cached. Mailboxes
 * are drained by a shared pool of workers, so different items run in parallel and each
 * item runs one operation at a time. Every answer is sent once it is durable.
 */
public final class StockEntities implements AutoCloseable {

	private final StockStore store;

	private final GroupCommitter<ItemWrite> committer;

	private final StockMetrics metrics;

	private final ExecutorService workers;

	private final int throughput;

	private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();

	StockEntities(StockStore store, GroupCommitter<ItemWrite> committer, StockMetrics metrics, int workers,
			int throughput) {
		this.store = store;
		this.committer = committer;
		this.metrics = metrics;
		this.workers = Executors.newFixedThreadPool(workers, new WorkerThreads());
		this.throughput = throughput;
	}

	/**
	 * Performs operations in parallel across items and in the given order per item.
	 * @param commands the operations
	 * @return the replies in the order of the commands, once all of them are durable;
	 * fails with {@link StockUnavailableException} if any could not be made durable
	 */
	public CompletableFuture<List<StockReply>> perform(List<StockCommand> commands) {
		OperationIdReusedException reused;
		try {
			reused = reusedOperationId(commands);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(new StockUnavailableException("Could not read the ledger", ex));
		}
		if (reused != null) {
			return CompletableFuture.failedFuture(reused);
		}
		List<CompletableFuture<StockReply>> replies = new ArrayList<>(commands.size());
		for (StockCommand command : commands) {
			replies
				.add(ask(command.itemId(), toItemCommand(command)).thenApply((recorded) -> recorded.entry().toReply()));
		}
		return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
			.thenApply((done) -> replies.stream().map(CompletableFuture::join).toList());
	}

	/**
	 * An operation id of the request that is sent for two items, or recorded for another
	 * item than this request's. Checked before anything is applied, so that a refused
	 * request changes nothing; each item checks again when it handles the operation, as
	 * another request may record the id in between.
	 * @return the first such operation id, or {@code null}
	 */
	private OperationIdReusedException reusedOperationId(List<StockCommand> commands) {
		Map<String, String> itemByOperation = new HashMap<>();
		for (StockCommand command : commands) {
			String earlier = itemByOperation.putIfAbsent(command.operationId(), command.itemId());
			if (earlier != null && !earlier.equals(command.itemId())) {
				return new OperationIdReusedException(command.operationId(), command.itemId(), earlier);
			}
		}
		for (LedgerEntry entry : this.store.findRecorded(itemByOperation.keySet()).values()) {
			String itemId = itemByOperation.get(entry.operationId());
			if (!entry.itemId().equals(itemId)) {
				return new OperationIdReusedException(entry.operationId(), itemId, entry.itemId());
			}
		}
		return null;
	}

	/**
	 * Sets an item's stock, creating the item if it is new.
	 * @param itemId the item
	 * @param quantity its stock from now on
	 * @return the item once the change is durable
	 */
	public CompletableFuture<ItemState> set(String itemId, long quantity) {
		return ask(itemId, new StockItemCommand.SetQuantity(generatedId(), quantity))
			.thenApply((recorded) -> state(itemId, recorded));
	}

	/**
	 * Sets the stock of many items at once.
	 * @param quantities stock by item
	 * @return how many items were set, once every change is durable
	 */
	public CompletableFuture<Integer> setAll(Map<String, Long> quantities) {
		List<CompletableFuture<ItemState>> sets = new ArrayList<>(quantities.size());
		quantities.forEach((itemId, quantity) -> sets.add(set(itemId, quantity)));
		return CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).thenApply((done) -> sets.size());
	}

	/**
	 * Adds units to an existing item.
	 * @param itemId the item
	 * @param quantity the units that arrived
	 * @return the item once the change is durable, empty if the item was never stocked
	 */
	public CompletableFuture<Optional<ItemState>> restock(String itemId, long quantity) {
		return ask(itemId, new StockItemCommand.Restock(generatedId(), quantity))
			.thenApply((recorded) -> (recorded.entry().outcome() == Outcome.UNKNOWN_ITEM) ? Optional.empty()
					: Optional.of(state(itemId, recorded)));
	}

	/**
	 * The current state of an item, as its entity holds it.
	 * @param itemId the item
	 * @return the item once everything it reflects is durable, empty if never stocked
	 */
	public CompletableFuture<Optional<ItemState>> find(String itemId) {
		CompletableFuture<Optional<ItemState>> reply = new CompletableFuture<>();
		tell(itemId, new Envelope.Read(reply, System.nanoTime()));
		return reply;
	}

	private CompletableFuture<Recorded> ask(String itemId, StockItemCommand command) {
		CompletableFuture<Recorded> reply = new CompletableFuture<>();
		tell(itemId, new Envelope.Perform(command, reply, System.nanoTime()));
		return reply;
	}

	private void tell(String itemId, Envelope envelope) {
		Mailbox mailbox = this.mailboxes.compute(itemId, (id, existing) -> {
			Mailbox target = (existing != null) ? existing : new Mailbox(id, this);
			target.enqueue(envelope);
			return target;
		});
		mailbox.schedule();
	}

	/**
	 * Forgets a mailbox that has nothing queued; a later message creates a new one, whose
	 * entity loads from the database. Atomic with {@link #tell} for the same item.
	 * @param mailbox the mailbox
	 */
	void dropIfIdle(Mailbox mailbox) {
		this.mailboxes.computeIfPresent(mailbox.itemId(),
				(id, current) -> (current == mailbox && mailbox.isEmpty()) ? null : current);
	}

	private static StockItemCommand toItemCommand(StockCommand command) {
		// a switch over the sealed wire type needs pattern matching (Java 21); two cases
		if (command instanceof StockCommand.Retract retract) {
			return new StockItemCommand.Retract(retract.operationId(), retract.quantity());
		}
		StockCommand.Restore restore = (StockCommand.Restore) command;
		return new StockItemCommand.Restore(restore.operationId(), restore.quantity());
	}

	private static ItemState state(String itemId, Recorded recorded) {
		return new ItemState(itemId, recorded.entry().quantityAfter(), recorded.version());
	}

	private static String generatedId() {
		return UUID.randomUUID().toString();
	}

	int cachedMailboxes() {
		return this.mailboxes.size();
	}

	void execute(Runnable turn) {
		this.workers.execute(turn);
	}

	StockStore store() {
		return this.store;
	}

	GroupCommitter<ItemWrite> committer() {
		return this.committer;
	}

	StockMetrics metrics() {
		return this.metrics;
	}

	int throughput() {
		return this.throughput;
	}

	/**
	 * Stops the workers after the turns already scheduled; writes already handed to the
	 * committer are written when the committer closes.
	 */
	@Override
	public void close() {
		this.workers.shutdown();
		try {
			if (!this.workers.awaitTermination(10, TimeUnit.SECONDS)) {
				this.workers.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.workers.shutdownNow();
		}
	}

	private static final class WorkerThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "stock-mailbox-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
