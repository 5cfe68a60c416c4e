package org.checkoutsaga.orchestrator.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.checkoutsaga.events.CheckoutStatus;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.engine.StoredSaga;
import org.checkoutsaga.orchestrator.history.HistoryEntries;
import org.checkoutsaga.orchestrator.history.HistoryEntry;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.orchestrator.history.SagaRecord;
import org.checkoutsaga.orchestrator.history.SagaRecords;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a checkout from its durable history and replays it with the saga itself, so the
 * status shown is exactly what recovery would rebuild.
 */
@Component
class CheckoutQueries {

	private final SagaRecords records;

	private final HistoryEntries entries;

	private final HistoryStore history;

	private final CheckoutSaga saga;

	CheckoutQueries(SagaRecords records, HistoryEntries entries, HistoryStore history, CheckoutSaga saga) {
		this.records = records;
		this.entries = entries;
		this.history = history;
		this.saga = saga;
	}

	@Transactional(readOnly = true)
	Optional<CheckoutView> find(String checkoutId) {
		return this.records.findById(checkoutId).map(this::view);
	}

	/**
	 * A page of checkouts in id order, each replayed from its history.
	 * @param after the last id of the previous page, empty for the first
	 * @param limit the most checkouts on the page
	 * @param status only checkouts with this status, or null for all
	 * @return the page
	 */
	@Transactional(readOnly = true)
	CheckoutPage list(String after, int limit, CheckoutStatus status) {
		List<SagaRecord> rows = (status != null)
				? this.records.findByStatusAndSagaIdGreaterThanOrderBySagaId(status.name(), after, Limit.of(limit))
				: this.records.findBySagaIdGreaterThanOrderBySagaId(after, Limit.of(limit));
		return page(rows, limit);
	}

	/**
	 * A page of unfinished checkouts that started before some time, in id order.
	 * @param startedBefore epoch milliseconds
	 * @param after the last id of the previous page, empty for the first
	 * @param limit the most checkouts on the page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	CheckoutPage listUnfinished(long startedBefore, String after, int limit) {
		return page(this.records.findByFinishedAtIsNullAndStartedAtLessThanAndSagaIdGreaterThanOrderBySagaId(
				startedBefore, after, Limit.of(limit)), limit);
	}

	/**
	 * How many checkouts have each status.
	 * @return counts by status, every status present
	 */
	Map<CheckoutStatus, Long> countByStatus() {
		Map<CheckoutStatus, Long> counts = new EnumMap<>(CheckoutStatus.class);
		for (CheckoutStatus status : CheckoutStatus.values()) {
			counts.put(status, 0L);
		}
		for (Object[] row : this.records.countByStatus()) {
			counts.put(CheckoutStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
		}
		return counts;
	}

	/**
	 * When the oldest unfinished checkout started.
	 * @return epoch milliseconds, or empty when none is unfinished
	 */
	Optional<Long> oldestUnfinishedStart() {
		return Optional.ofNullable(this.records.oldestUnfinishedStart());
	}

	private CheckoutPage page(List<SagaRecord> rows, int limit) {
		List<StoredSaga<SagaEvent>> histories = this.history.histories(rows);
		List<CheckoutPage.Summary> checkouts = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			SagaRecord row = rows.get(i);
			CheckoutState state = this.saga.replay(histories.get(i).events());
			checkouts.add(new CheckoutPage.Summary(row.getSagaId(), state.status(), state.rejection(),
					row.getStartedAt(), row.getFinishedAt()));
		}
		String next = (rows.size() == limit) ? rows.get(rows.size() - 1).getSagaId() : null;
		return new CheckoutPage(checkouts, next);
	}

	boolean exists(String checkoutId) {
		return this.records.existsById(checkoutId);
	}

	private CheckoutView view(SagaRecord record) {
		List<HistoryEntry> stored = this.entries.findBySagaIdOrderBySequence(record.getSagaId());
		List<CheckoutView.Entry> history = stored.stream()
			.map((entry) -> new CheckoutView.Entry(entry.getSequence(), entry.getRecordedAt(),
					this.history.decode(entry)))
			.toList();
		List<SagaEvent> events = history.stream().map(CheckoutView.Entry::event).toList();
		CheckoutState state = this.saga.replay(events);
		SagaEvent.CheckoutStarted started = state.started();
		Long completedAt = state.status().isTerminal()
				? ((state.receiptId() != null) ? Long.valueOf(state.completedAt()) : record.getFinishedAt()) : null;
		Long latency = (completedAt != null) ? completedAt - started.clientTimestamp() : null;
		return new CheckoutView(record.getSagaId(), started.requestId(), started.experimentId(), started.userId(),
				state.status(), state.rejection(), state.receiptId(),
				state.lines()
					.stream()
					.map((line) -> new CheckoutView.Item(line.itemId(), line.quantity(), line.status()))
					.toList(),
				new CheckoutView.Timings(started.clientTimestamp(), record.getStartedAt(), completedAt, latency),
				history);
	}

}
