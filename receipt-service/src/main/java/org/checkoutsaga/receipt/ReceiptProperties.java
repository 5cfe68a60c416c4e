package org.checkoutsaga.receipt;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.checkoutsaga.support.GroupCommitSettings;

import org.checkoutsaga.support.security.ApiClientProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the receipt service, under {@code receipt.*}.
 *
 * @param groupCommit how receipt writes are grouped into transactions
 * @param maxItems the most items one receipt may hold
 * @param maxReceiptsPerRequest the most receipts one {@code POST /receipts} may carry
 * @param maxBodySize the largest request body (413 beyond it, before parsing); the
 * default holds the largest valid batch (64 receipts of 100 items with 200-character ids,
 * about 6.5 MB in the worst case of 3-byte UTF-8)
 * @param security the API clients allowed in, and what each may do
 */
@ConfigurationProperties("receipt")
@Validated
record ReceiptProperties(@Valid @DefaultValue GroupCommit groupCommit, @DefaultValue("100") @Min(1) int maxItems,
		@DefaultValue("64") @Min(1) int maxReceiptsPerRequest, @DefaultValue("8MB") DataSize maxBodySize,
		@DefaultValue ApiClientProperties security) {

	ReceiptProperties {
		if (maxBodySize == null || maxBodySize.toBytes() < 1024) {
			throw new IllegalArgumentException("receipt.max-body-size must be at least 1KB, was " + maxBodySize);
		}
	}

	/**
	 * Group commit of receipt writes, see {@link GroupCommitSettings}.
	 *
	 * @param maxBatch the most receipts one transaction holds
	 * @param maxWait how long a transaction waits for more receipts once it has one
	 * @param syncToDisk whether each committed group is forced to disk
	 */
	record GroupCommit(@DefaultValue("512") @Min(1) int maxBatch, @DefaultValue("0ms") @NotNull Duration maxWait,
			@DefaultValue("true") boolean syncToDisk) {

		GroupCommitSettings toSettings() {
			return new GroupCommitSettings(this.maxBatch, this.maxWait, this.syncToDisk);
		}

	}

}
