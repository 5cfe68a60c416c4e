package org.checkoutsaga.orchestrator;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.checkoutsaga.support.GroupCommitSettings;
import org.checkoutsaga.support.security.ApiClientProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the orchestrator can be told, under {@code checkout.*}.
 *
 * @param stockUrl base URL of the stock-entity-service
 * @param receiptUrl base URL of the receipt-service
 * @param limits what a checkout may contain
 * @param groupCommit how history appends are grouped into transactions
 * @param calls how the stock and receipt services are called
 * @param kafka how checkout events are consumed
 * @param maxWait the longest a {@code POST /checkouts?wait=} may wait for the outcome
 * @param sweepInterval how often unfinished sagas that nothing drives are looked for and
 * resumed
 * @param deadline how long a checkout may take, from its start: a step still failing then
 * is given up, everything is compensated and the checkout ends REJECTED with reason
 * TIMEOUT
 * @param compensationDeadline how long that compensation may take before the checkout
 * shows COMPENSATION_FAILED (it is still retried, and an operator can retry it at once)
 * @param deadlineCheckInterval how often deadlines are checked: one is noticed at most
 * this late
 * @param stuckAfter how long an unfinished checkout may run before operators see it as
 * stuck
 * @param retention how long finished checkouts' histories are kept
 * @param security the API clients allowed in, and what each may do
 */
@Validated
@ConfigurationProperties("checkout")
public record CheckoutProperties(@NotNull URI stockUrl, @NotNull URI receiptUrl, @Valid @DefaultValue Limits limits,
		@Valid @DefaultValue GroupCommit groupCommit, @Valid @DefaultValue Calls calls,
		@Valid @DefaultValue Kafka kafka, @DefaultValue("30s") Duration maxWait,
		@DefaultValue("10s") Duration sweepInterval, @DefaultValue("5m") Duration deadline,
		@DefaultValue("10m") Duration compensationDeadline, @DefaultValue("1s") Duration deadlineCheckInterval,
		@DefaultValue("1m") Duration stuckAfter, @Valid @DefaultValue Retention retention,
		@DefaultValue ApiClientProperties security) {

	public CheckoutProperties {
		requirePositive("checkout.deadline", deadline);
		requirePositive("checkout.compensation-deadline", compensationDeadline);
		requirePositive("checkout.deadline-check-interval", deadlineCheckInterval);
		requirePositive("checkout.stuck-after", stuckAfter);
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
		}
	}

	/**
	 * What a checkout may contain; anything else is rejected before it is stored.
	 *
	 * @param maxItems the most lines a checkout may have
	 * @param maxQuantity the most units of one item
	 * @param maxIdLength the longest id (user, item, request); at most 200, so that an
	 * operation id ({@code <checkoutId>/<itemId>}) fits the stock service's 300
	 * @param maxBodySize the largest {@code POST /checkouts} body (413 beyond it) and the
	 * largest {@code checkout-events} record value (dead-lettered beyond it); the default
	 * holds the largest valid checkout (50 items, 200-character ids) even in 3-byte UTF-8
	 */
	public record Limits(@DefaultValue("50") @Min(1) int maxItems, @DefaultValue("1000") @Min(1) int maxQuantity,
			@DefaultValue("200") @Min(16) @Max(200) int maxIdLength, @DefaultValue("64KB") DataSize maxBodySize) {

		public Limits {
			if (maxBodySize == null || maxBodySize.toBytes() < 1024) {
				throw new IllegalArgumentException(
						"checkout.limits.max-body-size must be at least 1KB, was " + maxBodySize);
			}
		}

	}

	/**
	 * Group commit of the history.
	 *
	 * @param maxBatch the most events per transaction
	 * @param maxWait how long a transaction waits for more events once it has one
	 * @param syncToDisk whether every committed group is forced to disk (survives an OS
	 * crash, not only a killed process)
	 */
	public record GroupCommit(@DefaultValue("512") @Min(1) int maxBatch, @DefaultValue("0ms") Duration maxWait,
			@DefaultValue("true") boolean syncToDisk) {

		public GroupCommitSettings toSettings() {
			return new GroupCommitSettings(this.maxBatch, this.maxWait, this.syncToDisk);
		}

	}

	/**
	 * Calls to the stock and receipt services. Each call also goes through the
	 * resilience4j retry and circuit breaker named {@code stock} and {@code receipt}.
	 *
	 * @param timeout the longest one HTTP request may take
	 * @param stockBatchSize the most stock operations sent in one request
	 * @param maxRequestsInFlight the most stock requests under way at once (stock
	 * operations queued meanwhile travel together in the next request). Few requests of
	 * many operations cost the stock service far less than many small ones: in the
	 * benchmark 2 in flight with batches of up to 1000 gave 1.7x the throughput of 16
	 * with batches of up to 256
	 * @param receiptBatchSize the most receipts sent in one request (at most the receipt
	 * service's {@code receipt.max-receipts-per-request})
	 * @param maxReceiptRequestsInFlight the most receipt requests under way at once
	 * (receipts queued meanwhile travel together in the next request)
	 * @param sagaRetryInitial the first delay before a saga repeats a failed call
	 * @param sagaRetryMax the longest delay between a saga's repeats
	 * @param apiKey the key the orchestrator sends to the stock and receipt services
	 * ({@code Authorization: Bearer}); they must know it with role {@code SERVICE}
	 */
	public record Calls(@DefaultValue("5s") Duration timeout, @DefaultValue("1000") @Min(1) int stockBatchSize,
			@DefaultValue("2") @Min(1) int maxRequestsInFlight, @DefaultValue("64") @Min(1) int receiptBatchSize,
			@DefaultValue("2") @Min(1) int maxReceiptRequestsInFlight, @DefaultValue("200ms") Duration sagaRetryInitial,
			@DefaultValue("10s") Duration sagaRetryMax, @Nullable String apiKey) {
	}

	/**
	 * Purging of finished checkouts' histories.
	 *
	 * @param finished how long a finished checkout's history is kept; 0 keeps it forever
	 * @param interval how often expired histories are purged
	 * @param batchSize the most checkouts purged in one transaction
	 */
	public record Retention(@DefaultValue("30d") Duration finished, @DefaultValue("1h") Duration interval,
			@DefaultValue("500") @Min(1) int batchSize) {

		public Retention {
			requirePositive("checkout.retention.interval", interval);
			if (finished == null || finished.isNegative()) {
				throw new IllegalArgumentException("checkout.retention.finished must be 0 or positive");
			}
		}

	}

	/**
	 * Consumption of {@code checkout-events}.
	 *
	 * @param partitions partitions of the topics this service creates
	 * @param concurrency listener threads
	 */
	public record Kafka(@DefaultValue("8") @Min(1) int partitions, @DefaultValue("2") @Min(1) int concurrency) {
	}

}
