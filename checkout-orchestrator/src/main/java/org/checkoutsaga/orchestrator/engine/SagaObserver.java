package org.checkoutsaga.orchestrator.engine;

/**
 * Told what the engine made durable: each event of a saga it drives, and when a saga
 * ends.
 *
 * @param <S> the state
 * @param <E> the history events
 */
@FunctionalInterface
public interface SagaObserver<S, E> {

	/**
	 * Told once an event appended by this engine is durable, before the actions it causes
	 * are dispatched (and before {@link #finished} for a final event). Not told of the
	 * events a recovered saga is rebuilt from. Events of one saga that become durable
	 * together may be told concurrently, on the engine's callback threads; it must be
	 * cheap and must not throw.
	 * @param sagaId the saga
	 * @param event the durable event
	 * @param state the saga's state right after the event
	 */
	default void appended(String sagaId, E event, S state) {
	}

	/**
	 * Told when a saga ends, once its last event is durable.
	 * @param sagaId the saga
	 * @param state its final state
	 */
	void finished(String sagaId, S state);

}
