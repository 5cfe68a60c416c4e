package org.checkoutsaga.orchestrator.history;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Queries over the saga rows. */
public interface SagaRecords extends JpaRepository<SagaRecord, String> {

	List<SagaRecord> findByFinishedAtIsNullAndPartitionIn(Collection<Integer> partitions);

	List<SagaRecord> findByFinishedAtIsNotNullAndOutcomePublishedFalseAndPartitionIn(Collection<Integer> partitions);

	List<SagaRecord> findBySagaIdGreaterThanOrderBySagaId(String after, Limit limit);

	List<SagaRecord> findByStatusAndSagaIdGreaterThanOrderBySagaId(String status, String after, Limit limit);

	List<SagaRecord> findByFinishedAtIsNullAndStartedAtLessThanAndSagaIdGreaterThanOrderBySagaId(long startedBefore,
			String after, Limit limit);

	/** How many sagas have each status: rows of (status, count). */
	@Query("select r.status, count(r) from SagaRecord r group by r.status")
	List<Object[]> countByStatus();

	/** How many unfinished sagas have each status: rows of (status, count). */
	@Query("select r.status, count(r) from SagaRecord r where r.finishedAt is null group by r.status")
	List<Object[]> countUnfinishedByStatus();

	long countByFinishedAtIsNullAndStartedAtLessThan(long startedBefore);

	/** When the oldest unfinished saga started, epoch milliseconds; null if none. */
	@Query("select min(r.startedAt) from SagaRecord r where r.finishedAt is null")
	Long oldestUnfinishedStart();

}
