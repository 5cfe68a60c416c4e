package org.checkoutsaga.stock;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.checkoutsaga.support.GroupCommitSettings;

import org.checkoutsaga.support.security.ApiClientProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stock service, under {@code stock.*}.
 *
 * @param groupCommit how writes are grouped into transactions
 * @param maxOperationsPerRequest the most operations one {@code POST /stock/operations}
 * may carry
 * @param maxQuantity the largest quantity one retract, restore or restock may move
 * @param mailbox how the entities' mailboxes are run
 * @param maxBodySize the largest request body (413 beyond it, before parsing). The
 * default holds a batch of 1000 operations (the default
 * {@code max-operations-per-request}, and the orchestrator's
 * {@code checkout.calls.stock-batch-size}) with 300-character operation ids and
 * 200-character item ids, even in 3-byte UTF-8 (about 1.6 MB)
 * @param security the API clients allowed in, and what each may do
 */
@ConfigurationProperties("stock")
@Validated
public record StockProperties(@DefaultValue @Valid GroupCommit groupCommit,
		@DefaultValue("1000") @Min(1) @Max(100_000) int maxOperationsPerRequest,
		@DefaultValue("1000000") @Min(1) int maxQuantity, @DefaultValue @Valid Mailbox mailbox,
		@DefaultValue("2MB") DataSize maxBodySize, @DefaultValue ApiClientProperties security) {

	public StockProperties {
		if (maxBodySize == null || maxBodySize.toBytes() < 1024) {
			throw new IllegalArgumentException("stock.max-body-size must be at least 1KB, was " + maxBodySize);
		}
	}

	/**
	 * Group commit of the entities' writes.
	 *
	 * @param maxBatch the most writes one transaction holds
	 * @param maxWait how long a transaction waits for more writes once it has one
	 * @param syncToDisk whether each group is forced to disk
	 */
	public record GroupCommit(@DefaultValue("512") @Min(1) int maxBatch, @DefaultValue("0ms") @NotNull Duration maxWait,
			@DefaultValue("true") boolean syncToDisk) {

		public GroupCommitSettings toSettings() {
			return new GroupCommitSettings(this.maxBatch, this.maxWait, this.syncToDisk);
		}

	}

	/**
	 * The mailboxes' worker pool.
	 *
	 * @param workers threads draining mailboxes; zero means one per available processor
	 * @param throughput messages one mailbox handles before it yields its worker to
	 * another mailbox (fairness)
	 */
	public record Mailbox(@DefaultValue("0") @Min(0) int workers, @DefaultValue("64") @Min(1) int throughput) {

		public Mailbox {
			if (workers == 0) {
				workers = Runtime.getRuntime().availableProcessors();
			}
		}

	}

}
