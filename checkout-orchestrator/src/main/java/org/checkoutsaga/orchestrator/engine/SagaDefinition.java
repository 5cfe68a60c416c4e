package org.checkoutsaga.orchestrator.engine;

import java.util.List;

/**
 * A saga's logic as pure functions over its history.
 *
 * @param <S> the state
 * @param <E> the history events
 * @param <A> the actions
 */
public interface SagaDefinition<S, E, A> {

	S initialState();

	/** The state after one more event. Must tolerate events that no longer fit. */
	S evolve(S state, E event);

	/**
	 * Every action the state still waits for. Called after every event; the engine
	 * dispatches only those not already under way, so repeating an action here is the
	 * normal case, not a duplicate.
	 */
	List<A> decide(S state);

	boolean isFinished(S state);

	/** The status stored beside the history, for queries and recovery. */
	String statusOf(S state);

	/**
	 * Folds a history from the initial state: what recovery and status queries do.
	 * @param history the events in order
	 * @return the state they lead to
	 */
	default S replay(List<E> history) {
		S state = initialState();
		for (E event : history) {
			state = evolve(state, event);
		}
		return state;
	}

}
