package org.checkoutsaga.orchestrator.history;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/** Queries over the saga rows. */
public interface SagaRecords extends JpaRepository<SagaRecord, String> {

	List<SagaRecord> findByFinishedAtIsNullAndPartitionIn(Collection<Integer> partitions);

	List<SagaRecord> findByFinishedAtIsNotNullAndOutcomePublishedFalseAndPartitionIn(Collection<Integer> partitions);

	List<SagaRecord> findBySagaIdGreaterThanOrderBySagaId(String after, Limit limit);

	List<SagaRecord> findByStatusAndSagaIdGreaterThanOrderBySagaId(String status, String after, Limit limit);

}
