package org.checkoutsaga.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Appends the writes of many callers in one transaction, the way a database's group
 * commit or Netherite's batched storage does: a single writer thread takes whatever has
 * queued up (at most {@code maxBatch}, waiting at most {@code maxWait} for more), writes
 * it with a {@link BatchWriter}, commits once, syncs once, and then completes every
 * caller's future. Groups commit in the order their writes were submitted, so a caller
 * that submits two writes in order sees them durable in that order.
 * <p>
 * Futures complete on the writer thread: dependants that do real work should move it to
 * another executor. If a group fails, every future of the group completes exceptionally
 * and nothing of the group is committed.
 *
 * @param <T> the items written
 */
public final class GroupCommitter<T> implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(GroupCommitter.class);

	private final String name;

	private final DataSource dataSource;

	private final BatchWriter<T> writer;

	private final GroupCommitSettings settings;

	private final DiskSync diskSync;

	private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();

	private final Thread thread;

	private final DistributionSummary batchSizes;

	private final Timer commitTimer;

	private final Timer queueWaitTimer;

	private final Timer syncTimer;

	private volatile boolean running = true;

	public GroupCommitter(String name, DataSource dataSource, BatchWriter<T> writer, GroupCommitSettings settings,
			MeterRegistry meterRegistry) {
		this.name = name;
		this.dataSource = dataSource;
		this.writer = writer;
		this.settings = settings;
		try {
			this.diskSync = DiskSync.prepare(dataSource, settings.syncToDisk());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot prepare the database for group commit '" + name + "'", ex);
		}
		this.batchSizes = DistributionSummary.builder("groupcommit.batch.size")
			.description("Writes per committed group")
			.tag("committer", name)
			.register(meterRegistry);
		this.commitTimer = timer("groupcommit.commit", "Time to write, commit and sync one group", meterRegistry);
		this.queueWaitTimer = timer("groupcommit.queue.wait",
				"Time a write waits from its submit until the writer takes it into a group", meterRegistry);
		this.syncTimer = timer("groupcommit.sync", "Time of the disk sync after one group's commit", meterRegistry);
		this.thread = new Thread(this::run, "group-commit-" + name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Queues one write.
	 * @param item what to write
	 * @return completes once the group holding the write is committed (and synced, if so
	 * configured)
	 */
	public CompletableFuture<Void> submit(T item) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		if (!this.running) {
			future.completeExceptionally(new IllegalStateException("Group committer '" + this.name + "' is closed"));
			return future;
		}
		Pending<T> pending = new Pending<>(item, future, System.nanoTime());
		this.queue.add(pending);
		if (!this.running && this.queue.remove(pending)) {
			// closed while adding: the writer may have drained the queue for the last
			// time
			future.completeExceptionally(new IllegalStateException("Group committer '" + this.name + "' is closed"));
		}
		return future;
	}

	/**
	 * Writes what is queued, then stops the writer thread. Writes submitted afterwards
	 * fail.
	 */
	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Pending<T> left;
		while ((left = this.queue.poll()) != null) {
			left.future()
				.completeExceptionally(new IllegalStateException("Group committer '" + this.name + "' is closed"));
		}
	}

	private Timer timer(String meter, String description, MeterRegistry meterRegistry) {
		return Timer.builder(meter).description(description).tag("committer", this.name).register(meterRegistry);
	}

	private void run() {
		List<Pending<T>> batch = new ArrayList<>(this.settings.maxBatch());
		while (this.running || !this.queue.isEmpty()) {
			try {
				collect(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
			if (!batch.isEmpty()) {
				commit(batch);
				batch.clear();
			}
		}
	}

	private void collect(List<Pending<T>> batch) throws InterruptedException {
		Pending<T> first = this.queue.poll(50, TimeUnit.MILLISECONDS);
		if (first == null) {
			return;
		}
		int max = this.settings.maxBatch();
		batch.add(first);
		this.queue.drainTo(batch, max - batch.size());
		long taken = System.nanoTime();
		recordQueueWaits(batch, 0, taken);
		long deadline = taken + this.settings.maxWait().toNanos();
		while (batch.size() < max) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			Pending<T> next = this.queue.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				return;
			}
			int from = batch.size();
			batch.add(next);
			this.queue.drainTo(batch, max - batch.size());
			recordQueueWaits(batch, from, System.nanoTime());
		}
	}

	private void recordQueueWaits(List<Pending<T>> batch, int from, long taken) {
		for (int i = from; i < batch.size(); i++) {
			this.queueWaitTimer.record(taken - batch.get(i).submitted(), TimeUnit.NANOSECONDS);
		}
	}

	private void commit(List<Pending<T>> batch) {
		List<T> items = new ArrayList<>(batch.size());
		for (Pending<T> pending : batch) {
			items.add(pending.item());
		}
		long start = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			writeInTransaction(connection, items);
			long syncStart = System.nanoTime();
			this.diskSync.afterCommit(connection);
			this.syncTimer.record(System.nanoTime() - syncStart, TimeUnit.NANOSECONDS);
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Group commit '" + this.name + "' of " + items.size() + " writes failed", ex);
			for (Pending<T> pending : batch) {
				pending.future().completeExceptionally(ex);
			}
			return;
		}
		this.commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		this.batchSizes.record(items.size());
		for (Pending<T> pending : batch) {
			pending.future().complete(null);
		}
	}

	private void writeInTransaction(Connection connection, List<T> items) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			this.diskSync.beforeWrites(connection);
			this.writer.write(connection, items);
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/**
	 * One queued write.
	 *
	 * @param item what to write
	 * @param future completed once the write's group is committed
	 * @param submitted {@link System#nanoTime()} when it was submitted
	 */
	private record Pending<T>(T item, CompletableFuture<Void> future, long submitted) {
	}

}
