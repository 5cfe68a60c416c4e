package org.checkoutsaga.orchestrator.engine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
	 * When the engine must tell the saga that time ran out, if it must.
	 * @param state the current state
	 * @return epoch milliseconds, or empty for no deadline
	 */
	default OptionalLong deadline(S state) {
		return OptionalLong.empty();
	}

	/**
	 * The event to record when the {@link #deadline} passed. The time comes from the
	 * engine and is recorded in the event, so replay takes the same path.
	 * @param state the current state
	 * @param now epoch milliseconds
	 * @return the event to append
	 */
	default E deadlinePassed(S state, long now) {
		throw new UnsupportedOperationException("This saga has no deadlines");
	}

	/**
	 * The event to record when an operator asks for a retry now (for example, one that
	 * gives a failed compensation a new deadline).
	 * @param state the current state
	 * @param now epoch milliseconds
	 * @param reason what the operator gave as the reason
	 * @return the event to append, or empty to record nothing
	 */
	default Optional<E> retryRequested(S state, long now, String reason) {
		return Optional.empty();
	}

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
