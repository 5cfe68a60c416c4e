package org.checkoutsaga.orchestrator.engine;

/**
 * Told when a saga ends, once its last event is durable.
 *
 * @param <S> the state
 */
@FunctionalInterface
public interface SagaObserver<S> {

	void finished(String sagaId, S state);

}
