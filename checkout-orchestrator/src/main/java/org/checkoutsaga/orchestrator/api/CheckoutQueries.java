package org.checkoutsaga.orchestrator.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.checkoutsaga.events.CheckoutStatus;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.engine.StoredSaga;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.orchestrator.history.HistoryStore.SagaHistory;
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

	private final HistoryStore history;

	private final CheckoutSaga saga;

	CheckoutQueries(SagaRecords records, HistoryStore history, CheckoutSaga saga) {
		this.records = records;
		this.history = history;
		this.saga = saga;
	}

	/**
	 * One checkout, replayed from its history.
	 * @param checkoutId the checkout
	 * @return the checkout, or empty if it has no history
	 */
	Optional<CheckoutView> find(String checkoutId) {
		return this.history.read(checkoutId).map((stored) -> view(checkoutId, stored));
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
		return this.history.exists(checkoutId);
	}

	private CheckoutView view(String checkoutId, SagaHistory stored) {
		CheckoutState state = this.saga.replay(stored.events().stream().map(SagaHistory.Event::event).toList());
		SagaEvent.CheckoutStarted started = state.started();
		Long completedAt = state.status().isTerminal()
				? ((state.receiptId() != null) ? Long.valueOf(state.completedAt()) : stored.finishedAt()) : null;
		Long latency = (completedAt != null) ? completedAt - started.clientTimestamp() : null;
		return new CheckoutView(checkoutId, started.requestId(), started.experimentId(), started.userId(),
				state.status(), state.rejection(), state.receiptId(),
				state.lines()
					.stream()
					.map((line) -> new CheckoutView.Item(line.itemId(), line.quantity(), line.status()))
					.toList(),
				new CheckoutView.Timings(started.clientTimestamp(), stored.startedAt(), completedAt, latency),
				stored.events()
					.stream()
					.map((entry) -> new CheckoutView.Entry(entry.sequence(), entry.recordedAt(), entry.event()))
					.toList());
	}

}
