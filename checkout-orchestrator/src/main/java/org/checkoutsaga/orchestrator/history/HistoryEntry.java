package org.checkoutsaga.orchestrator.history;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One stored saga event (read side only).
 */
@Entity
@Immutable
@IdClass(HistoryEntry.Key.class)
@Table(name = "saga_event")
public class HistoryEntry {

	@Id
	@Column(name = "saga_id")
	private String sagaId;

	@Id
	@Column(name = "seq")
	private int sequence;

	@Column(name = "event_type")
	private String eventType;

	private String payload;

	@Column(name = "recorded_at")
	private long recordedAt;

	protected HistoryEntry() {
	}

	public String getSagaId() {
		return this.sagaId;
	}

	public int getSequence() {
		return this.sequence;
	}

	public String getEventType() {
		return this.eventType;
	}

	public String getPayload() {
		return this.payload;
	}

	public long getRecordedAt() {
		return this.recordedAt;
	}

	/** The composite key: saga and position. */
	public record Key(String sagaId, int sequence) implements Serializable {

		public Key() {
			this(null, 0);
		}

	}

}
