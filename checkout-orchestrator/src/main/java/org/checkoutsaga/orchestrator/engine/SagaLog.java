package org.checkoutsaga.orchestrator.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where the engine keeps saga histories: append-only, one row per event, durable when the
 * returned future completes.
 *
 * @param <E> the history events
 */
public interface SagaLog<E> {

	/**
	 * Records a new saga with its first event.
	 * @param sagaId the saga
	 * @param partition the ingress partition that owns the saga
	 * @param status the status after the first event
	 * @param first the first event
	 * @return completes when the saga and its first event are durable
	 */
	CompletableFuture<Void> begin(String sagaId, int partition, String status, E first);

	/**
	 * Appends one event.
	 * @param sagaId the saga
	 * @param sequence the event's position in the history (the first event is 0)
	 * @param event the event
	 * @param status the status after the event, or null if the event left it unchanged
	 * @param finished whether the saga ended with this event
	 * @return completes when the event is durable
	 */
	CompletableFuture<Void> append(String sagaId, int sequence, E event, String status, boolean finished);

	/**
	 * The unfinished sagas owned by some partitions.
	 * @param partitions the partitions
	 * @param except sagas not to load (those already running)
	 * @return their histories
	 */
	List<StoredSaga<E>> loadUnfinished(Collection<Integer> partitions, Set<String> except);

	/**
	 * One saga's history.
	 * @param sagaId the saga
	 * @return the history, empty if the saga is unknown
	 */
	Optional<StoredSaga<E>> load(String sagaId);

	/**
	 * Which of some saga ids have a history.
	 * @param sagaIds the ids to check
	 * @return those already started
	 */
	Set<String> existing(Collection<String> sagaIds);

}
