package org.checkoutsaga.orchestrator.history;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the histories of sagas that finished long ago, in small batches (one
 * transaction each), so the history does not grow forever. Only sagas whose outcome was
 * published are purged; unfinished ones never are. A purged checkout is gone: its
 * {@code GET} answers 404, and a checkout event with its request id arriving after that
 * would start it again, so keep the retention longer than any replay of
 * {@code checkout-events}.
 */
@Component
public class HistoryRetention {

	private static final Log logger = LogFactory.getLog(HistoryRetention.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	HistoryRetention(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Purges every saga that finished more than {@code retention} ago, a batch at a time.
	 * @param retention how long finished sagas are kept
	 * @param batchSize the most sagas per transaction
	 * @return how many sagas were purged
	 */
	public int purgeFinishedOlderThan(Duration retention, int batchSize) {
		long cutoff = this.clock.millis() - retention.toMillis();
		int total = 0;
		int purged;
		do {
			purged = purgeBatch(cutoff, batchSize);
			total += purged;
		}
		while (purged == batchSize);
		return total;
	}

	/**
	 * Purges at a fixed interval until the scheduler stops.
	 * @param scheduler where to run
	 * @param interval time between purges
	 * @param retention how long finished sagas are kept
	 * @param batchSize the most sagas per transaction
	 */
	public void purgeEvery(ScheduledExecutorService scheduler, Duration interval, Duration retention, int batchSize) {
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				int purged = purgeFinishedOlderThan(retention, batchSize);
				if (purged > 0) {
					logger
						.info("Purged the histories of " + purged + " sagas finished more than " + retention + " ago");
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Purging finished sagas failed; trying again at the next interval", ex);
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private int purgeBatch(long cutoff, int batchSize) {
		Integer purged = this.transactions.execute((status) -> {
			List<Long> numbers = this.jdbc.queryForList(
					"SELECT saga_no FROM saga_instance WHERE finished_at < ? "
							+ "AND outcome_published = TRUE ORDER BY finished_at FETCH FIRST ? ROWS ONLY",
					Long.class, cutoff, batchSize);
			if (numbers.isEmpty()) {
				return 0;
			}
			String in = String.join(", ", Collections.nCopies(numbers.size(), "?"));
			this.jdbc.update("DELETE FROM saga_event WHERE saga_no IN (" + in + ")", numbers.toArray());
			this.jdbc.update("DELETE FROM saga_instance WHERE saga_no IN (" + in + ")", numbers.toArray());
			return numbers.size();
		});
		return (purged != null) ? purged : 0;
	}

}
