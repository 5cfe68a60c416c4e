package org.checkoutsaga.receipt;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.events.ReceiptRequest;
import org.checkoutsaga.support.GroupCommitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Stores at most one receipt per checkout and answers every repeat with the stored one.
 * <p>
 * Concurrent requests for one checkout share a single in-flight store, so within an
 * instance only one receipt is ever created per checkout; across instances the primary
 * key decides, and the loser answers with the winner's receipt. A receipt is only handed
 * out once its group commit is durable.
 */
@Service
class ReceiptStore {

	/** Its own logger name, so that operators can switch the per-receipt line off. */
	private static final Logger generateReceiptLog = LoggerFactory.getLogger("GenerateReceipt");

	private final ConcurrentMap<String, CompletableFuture<Receipt>> inFlight = new ConcurrentHashMap<>();

	private final GroupCommitter<Receipt> committer;

	private final ReceiptRepository repository;

	private final Clock clock;

	private final Executor callbackExecutor;

	private final Timer endToEndLatency;

	ReceiptStore(GroupCommitter<Receipt> committer, ReceiptRepository repository, Clock clock,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor callbackExecutor,
			MeterRegistry meterRegistry) {
		this.committer = committer;
		this.repository = repository;
		this.clock = clock;
		this.callbackExecutor = callbackExecutor;
		this.endToEndLatency = Timer.builder("checkout.e2e.latency")
			.description("From the client's timestamp to the stored receipt")
			.publishPercentileHistogram()
			.register(meterRegistry);
	}

	/**
	 * Stores the receipt of a checkout unless it already has one.
	 * @param request a valid request
	 * @return the receipt, and whether this call created it; fails with
	 * {@link ReceiptsUnavailableException} if the receipt could not be stored
	 */
	CompletableFuture<StoredReceipt> store(ReceiptRequest request) {
		String checkoutId = request.checkoutId();
		CompletableFuture<Receipt> claim = new CompletableFuture<>();
		CompletableFuture<Receipt> running = this.inFlight.putIfAbsent(checkoutId, claim);
		if (running != null) {
			return running.thenApply(StoredReceipt::existing);
		}
		CompletableFuture<StoredReceipt> stored;
		try {
			stored = lookUpOrCreate(request);
		}
		catch (RuntimeException ex) {
			// Whatever went wrong, the claim must be released below
			stored = CompletableFuture.failedFuture(ex);
		}
		// Answers only once the claim is released, so that a retry after this answer
		// starts afresh instead of joining a finished store
		return stored.whenComplete((outcome, failure) -> {
			// The row is committed (or the store failed): later requests may read it
			this.inFlight.remove(checkoutId, claim);
			if (failure != null) {
				claim.completeExceptionally(failure);
			}
			else {
				claim.complete(outcome.receipt());
			}
		});
	}

	private CompletableFuture<StoredReceipt> lookUpOrCreate(ReceiptRequest request) {
		Optional<Receipt> existing;
		try {
			existing = this.repository.findByCheckoutId(request.checkoutId());
		}
		catch (DataAccessException ex) {
			return CompletableFuture.failedFuture(new ReceiptsUnavailableException(request.checkoutId(), ex));
		}
		if (existing.isPresent()) {
			return CompletableFuture.completedFuture(StoredReceipt.existing(existing.get()));
		}
		Receipt receipt = new Receipt(UUID.randomUUID().toString(), request.checkoutId(), request.userId(),
				request.items(), request.clientTimestamp(), this.clock.millis());
		// Nothing after the commit runs on the committer's single thread: the log line,
		// the timer and the HTTP answer would hold up the next group, and recovery reads
		// the database
		return this.committer.submit(receipt)
			.thenApplyAsync((committed) -> created(receipt), this.callbackExecutor)
			.exceptionallyComposeAsync((failure) -> recover(receipt, failure), this.callbackExecutor);
	}

	private StoredReceipt created(Receipt receipt) {
		long latencyMs = receipt.createdAt() - receipt.clientTimestamp();
		generateReceiptLog.info("GenerateReceipt checkoutId={} receiptId={} latencyMs={}", receipt.checkoutId(),
				receipt.receiptId(), latencyMs);
		// A client clock running ahead gives a negative latency, which a timer cannot
		// hold
		this.endToEndLatency.record(Math.max(latencyMs, 0), TimeUnit.MILLISECONDS);
		return StoredReceipt.created(receipt);
	}

	/**
	 * A failed group may still have left a receipt for the checkout: another instance
	 * stored it first (duplicate key), or the commit went through and only the disk sync
	 * after it failed.
	 */
	private CompletionStage<StoredReceipt> recover(Receipt attempted, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		ReceiptsUnavailableException unavailable = new ReceiptsUnavailableException(attempted.checkoutId(), cause);
		Optional<Receipt> stored;
		try {
			stored = this.repository.findByCheckoutId(attempted.checkoutId());
		}
		catch (DataAccessException ex) {
			unavailable.addSuppressed(ex);
			return CompletableFuture.failedFuture(unavailable);
		}
		if (stored.isEmpty()) {
			return CompletableFuture.failedFuture(unavailable);
		}
		Receipt receipt = stored.get();
		return CompletableFuture.completedFuture(
				receipt.receiptId().equals(attempted.receiptId()) ? created(receipt) : StoredReceipt.existing(receipt));
	}

	/**
	 * A durable receipt.
	 *
	 * @param receipt the receipt
	 * @param created whether this request created it, rather than finding it stored
	 */
	record StoredReceipt(Receipt receipt, boolean created) {

		static StoredReceipt created(Receipt receipt) {
			return new StoredReceipt(receipt, true);
		}

		static StoredReceipt existing(Receipt receipt) {
			return new StoredReceipt(receipt, false);
		}

	}

}
