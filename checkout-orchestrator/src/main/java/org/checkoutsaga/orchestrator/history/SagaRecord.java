package org.checkoutsaga.orchestrator.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A saga's row beside its history (read side only; writes go through the group
 * committer).
 */
@Entity
@Immutable
@Table(name = "saga_instance")
public class SagaRecord {

	@Id
	@Column(name = "saga_id")
	private String sagaId;

	/** The saga's number, in the order sagas start: the key of its events. */
	@Column(name = "saga_no")
	private long sagaNo;

	@Column(name = "ingress_partition")
	private int partition;

	private String status;

	@Column(name = "started_at")
	private long startedAt;

	@Column(name = "finished_at")
	private Long finishedAt;

	@Column(name = "outcome_published")
	private boolean outcomePublished;

	protected SagaRecord() {
	}

	public String getSagaId() {
		return this.sagaId;
	}

	public long getSagaNo() {
		return this.sagaNo;
	}

	public int getPartition() {
		return this.partition;
	}

	public String getStatus() {
		return this.status;
	}

	public long getStartedAt() {
		return this.startedAt;
	}

	public Long getFinishedAt() {
		return this.finishedAt;
	}

	public boolean isOutcomePublished() {
		return this.outcomePublished;
	}

}
