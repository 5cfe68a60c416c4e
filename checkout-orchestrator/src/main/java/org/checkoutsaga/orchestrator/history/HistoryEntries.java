package org.checkoutsaga.orchestrator.history;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Queries over the stored events. */
public interface HistoryEntries extends JpaRepository<HistoryEntry, HistoryEntry.Key> {

	List<HistoryEntry> findBySagaIdInOrderBySagaIdAscSequenceAsc(Collection<String> sagaIds);

	List<HistoryEntry> findBySagaIdInAndSequence(Collection<String> sagaIds, int sequence);

}
