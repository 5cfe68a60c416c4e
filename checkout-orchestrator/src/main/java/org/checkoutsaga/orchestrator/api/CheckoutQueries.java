package org.checkoutsaga.orchestrator.api;

import java.util.List;
import java.util.Optional;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.history.HistoryEntries;
import org.checkoutsaga.orchestrator.history.HistoryEntry;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.orchestrator.history.SagaRecord;
import org.checkoutsaga.orchestrator.history.SagaRecords;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
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
