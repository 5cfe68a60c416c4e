package org.checkoutsaga.support;

import java.time.Duration;

/**
 * How a {@link GroupCommitter} groups writes.
 *
 * @param maxBatch the most writes one transaction holds
 * @param maxWait how long a transaction waits for more writes once it has one; zero
 * commits whatever has queued up while the previous transaction ran (natural batching)
 * @param syncToDisk whether each committed group is also forced to disk, so it survives
 * an operating-system crash and not only a killed process
 */
public record GroupCommitSettings(int maxBatch, Duration maxWait, boolean syncToDisk) {

	public GroupCommitSettings {
		if (maxBatch < 1) {
			throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
		}
		if (maxWait == null || maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must be zero or positive, was " + maxWait);
		}
	}

}
