package org.checkoutsaga.orchestrator.engine;

import java.util.List;

/**
 * A saga as stored: its id, the partition that owns it and its events in order.
 *
 * @param <E> the history events
 * @param sagaId the saga
 * @param partition the owning ingress partition
 * @param events the history, in sequence order
 * @param nextSequence the sequence number the next event gets
 */
public record StoredSaga<E>(String sagaId, int partition, List<E> events, int nextSequence) {

	public StoredSaga {
		events = List.copyOf(events);
	}

}
