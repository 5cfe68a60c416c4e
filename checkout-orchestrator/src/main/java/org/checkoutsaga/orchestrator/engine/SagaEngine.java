package org.checkoutsaga.orchestrator.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs sagas: every event is appended to the {@link SagaLog} first, and only once it is
 * durable are the {@link SagaObserver} told of it and the actions it causes dispatched
 * (and, for a final event, the observer told that the saga ended). An action whose call
 * fails is dispatched again after a backoff, for as long as the saga still decides it (a
 * step the saga gave up on is not repeated). When a saga's {@link SagaDefinition#deadline
 * deadline} passes, the engine records the event the definition gives for it, with the
 * time, so replay takes the same path. After a restart, {@link #recover} rebuilds the
 * unfinished sagas of the partitions this instance now owns from their histories and
 * dispatches whatever they still wait for; actions carry operation ids, so a repeat is
 * harmless. A periodic {@link #sweep} resumes any unfinished saga of an owned partition
 * that nothing drives (its append failed, or recovery could not reach the database), so a
 * saga never stays RUNNING unattended.
 * <p>
 * One saga's events are handled one at a time (its instance is the lock); different sagas
 * run in parallel. Nothing blocks: calls are asynchronous and appends are grouped by the
 * log.
 *
 * @param <S> the state
 * @param <E> the history events
 * @param <A> the actions
 */
public final class SagaEngine<S, E, A> implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SagaEngine.class);

	private final SagaDefinition<S, E, A> definition;

	private final SagaLog<E> log;

	private final ActionExecutor<A, E> executor;

	private final SagaObserver<S, E> observer;

	private final ScheduledExecutorService scheduler;

	private final Executor callbacks;

	private final RetryBackoff backoff;

	private final Clock clock;

	private final Map<String, Instance> running = new ConcurrentHashMap<>();

	private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

	private volatile boolean open = true;

	public SagaEngine(SagaDefinition<S, E, A> definition, SagaLog<E> log, ActionExecutor<A, E> executor,
			SagaObserver<S, E> observer, ScheduledExecutorService scheduler, Executor callbacks, RetryBackoff backoff,
			Clock clock) {
		this.definition = definition;
		this.log = log;
		this.executor = executor;
		this.observer = observer;
		this.scheduler = scheduler;
		this.callbacks = callbacks;
		this.backoff = backoff;
		this.clock = clock;
	}

	/**
	 * Starts a saga unless it already runs here.
	 * @param sagaId the saga
	 * @param partition the ingress partition that owns it
	 * @param first its first event
	 * @return completes when the first event is durable (also when the saga was already
	 * started here and its first event is still on its way to disk); its actions are
	 * dispatched then
	 */
	public CompletableFuture<Void> start(String sagaId, int partition, E first) {
		Instance instance = new Instance(sagaId, partition);
		Instance existing = this.running.putIfAbsent(sagaId, instance);
		if (existing != null) {
			return existing.begun;
		}
		Step<S, A> step;
		CompletableFuture<Void> durable;
		synchronized (instance) {
			try {
				step = instance.apply(first);
				durable = this.log.begin(sagaId, partition, this.definition.statusOf(step.state()), first);
			}
			catch (RuntimeException ex) {
				drop(instance);
				instance.begun.completeExceptionally(ex);
				return instance.begun;
			}
		}
		durable.whenCompleteAsync((done, failure) -> {
			if (failure != null) {
				drop(instance);
				instance.begun.completeExceptionally(failure);
			}
			else {
				instance.begun.complete(null);
				proceed(instance, first, step);
			}
		}, this.callbacks);
		return instance.begun;
	}

	/**
	 * Makes sure a saga that has a history is driven here if it is unfinished: for a
	 * repeated checkout event whose saga is not running (its start was durable although
	 * it seemed to fail, say).
	 * @param sagaId the saga
	 */
	public void resumeIfUnfinished(String sagaId) {
		if (!this.running.containsKey(sagaId)) {
			this.log.load(sagaId)
				.filter((stored) -> !this.definition.isFinished(this.definition.replay(stored.events())))
				.ifPresent(this::resume);
		}
	}

	/**
	 * Takes ownership of some partitions and resumes their unfinished sagas from their
	 * histories.
	 * @param partitions the partitions now owned here
	 * @return how many sagas were resumed
	 */
	public int recover(Collection<Integer> partitions) {
		this.owned.addAll(partitions);
		return resumeUnfinished(partitions);
	}

	/**
	 * Resumes every unfinished saga of the owned partitions that is not running here.
	 * Safe to call at any time; failures are logged and left to the next sweep.
	 * @return how many sagas were resumed
	 */
	public int sweep() {
		try {
			int resumed = resumeUnfinished(Set.copyOf(this.owned));
			if (resumed > 0) {
				logger.info("Sweep resumed " + resumed + " unfinished sagas nothing was driving");
			}
			return resumed;
		}
		catch (RuntimeException ex) {
			logger.warn("Sweep for unfinished sagas failed; trying again at the next one", ex);
			return 0;
		}
	}

	/**
	 * Sweeps at a fixed interval until the engine closes.
	 * @param interval time between sweeps
	 */
	public void sweepEvery(Duration interval) {
		this.scheduler.scheduleWithFixedDelay(() -> {
			if (this.open) {
				sweep();
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Records the deadline event of every saga running here whose deadline has passed.
	 * Safe to call at any time.
	 * @return how many sagas were told
	 */
	public int checkDeadlines() {
		long now = this.clock.millis();
		int passed = 0;
		for (Instance instance : this.running.values()) {
			long deadline = instance.deadline;
			if (deadline <= now) {
				passed++;
				recordWith(instance, null, (state) -> {
					OptionalLong current = this.definition.deadline(state);
					boolean due = current.isPresent() && current.getAsLong() == deadline;
					return due ? this.definition.deadlinePassed(state, this.clock.millis()) : null;
				});
			}
		}
		return passed;
	}

	/**
	 * Checks deadlines at a fixed interval until the engine closes: a deadline is noticed
	 * at most this late.
	 * @param interval time between checks
	 */
	public void checkDeadlinesEvery(Duration interval) {
		this.scheduler.scheduleWithFixedDelay(() -> {
			if (this.open) {
				try {
					checkDeadlines();
				}
				catch (RuntimeException ex) {
					logger.warn("Deadline check failed; trying again at the next one", ex);
				}
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Retries a saga now: records the event its definition gives for an operator's retry
	 * and dispatches at once every action waiting out a backoff.
	 * @param sagaId the saga
	 * @param reason what the operator gave as the reason
	 * @return what happened
	 */
	public Signal retryNow(String sagaId, String reason) {
		return signal(sagaId, (state, now) -> this.definition.retryRequested(state, now, reason).orElse(null), true);
	}

	/**
	 * Records an event an operator (or another outside party) sends a saga, made from the
	 * saga's current state under its lock; then the saga carries on as after any event. A
	 * saga that is unfinished but not running here, on a partition this instance owns, is
	 * resumed from its history first.
	 * @param sagaId the saga
	 * @param eventFor the event for the current state and time (epoch milliseconds), or
	 * null to record nothing
	 * @return what happened
	 */
	public Signal signal(String sagaId, BiFunction<S, Long, E> eventFor) {
		return signal(sagaId, eventFor, false);
	}

	private Signal signal(String sagaId, BiFunction<S, Long, E> eventFor, boolean retryNow) {
		Instance instance = this.running.get(sagaId);
		if (instance == null) {
			StoredSaga<E> stored = this.log.load(sagaId).orElse(null);
			if (stored == null) {
				return Signal.UNKNOWN;
			}
			if (this.definition.isFinished(this.definition.replay(stored.events()))) {
				return Signal.FINISHED;
			}
			resume(stored);
			instance = this.running.get(sagaId);
			if (instance == null) {
				return Signal.NOT_OWNED;
			}
		}
		Instance target = instance;
		recordWith(target, null, (state) -> eventFor.apply(state, this.clock.millis()));
		if (retryNow) {
			List<A> due = new ArrayList<>();
			synchronized (target) {
				target.backingOff.forEach((action, retry) -> {
					if (retry.cancel(false)) {
						due.add(action);
					}
				});
				target.backingOff.keySet().removeAll(due);
				due.removeIf((action) -> !target.stillWants(action));
			}
			due.forEach((action) -> dispatch(target, action, 1));
		}
		return Signal.ACCEPTED;
	}

	/**
	 * Stops driving the sagas some partitions own (another instance takes them over).
	 * Replies still under way for them are dropped; the new owner repeats the calls.
	 * @param partitions the partitions no longer owned here
	 */
	public void release(Collection<Integer> partitions) {
		Set<Integer> released = new HashSet<>(partitions);
		this.owned.removeAll(released);
		this.running.values().removeIf((instance) -> {
			if (released.contains(instance.partition)) {
				instance.close();
				return true;
			}
			return false;
		});
	}

	/**
	 * The state of a saga driven here.
	 * @param sagaId the saga
	 * @return its state as it stands, empty if it is not running here
	 */
	public Optional<S> state(String sagaId) {
		Instance instance = this.running.get(sagaId);
		if (instance == null) {
			return Optional.empty();
		}
		synchronized (instance) {
			return Optional.of(instance.state);
		}
	}

	public boolean isRunning(String sagaId) {
		return this.running.containsKey(sagaId);
	}

	public int runningCount() {
		return this.running.size();
	}

	@Override
	public void close() {
		this.open = false;
		this.running.values().forEach(Instance::close);
		this.running.clear();
	}

	private int resumeUnfinished(Collection<Integer> partitions) {
		int resumed = 0;
		for (StoredSaga<E> stored : this.log.loadUnfinished(partitions, Set.copyOf(this.running.keySet()))) {
			if (resume(stored)) {
				resumed++;
			}
		}
		return resumed;
	}

	private boolean resume(StoredSaga<E> stored) {
		if (!this.open || !this.owned.contains(stored.partition())) {
			// another instance owns it now; driving it here too would race that one
			return false;
		}
		Instance instance = new Instance(stored.sagaId(), stored.partition());
		if (this.running.putIfAbsent(stored.sagaId(), instance) != null) {
			return false;
		}
		Step<S, A> step;
		synchronized (instance) {
			step = instance.restore(stored);
		}
		instance.begun.complete(null);
		proceed(instance, null, step);
		return true;
	}

	private void record(Instance instance, A completed, E event) {
		recordWith(instance, completed, (state) -> event);
	}

	/**
	 * Appends the event {@code eventFor} makes of the saga's current state, under the
	 * saga's lock; nothing if it gives null.
	 */
	private void recordWith(Instance instance, A completed, Function<S, E> eventFor) {
		if (!instance.begun.isDone()) {
			// never ahead of the saga's start: a history holds no event without it
			instance.begun.thenRunAsync(() -> recordWith(instance, completed, eventFor), this.callbacks);
			return;
		}
		if (instance.begun.isCompletedExceptionally()) {
			return;
		}
		Step<S, A> step;
		CompletableFuture<Void> durable;
		E event;
		synchronized (instance) {
			if (instance.closed) {
				return;
			}
			if (completed != null) {
				instance.inFlight.remove(completed);
			}
			event = eventFor.apply(instance.state);
			if (event == null) {
				return;
			}
			try {
				int sequence = instance.nextSequence;
				String before = this.definition.statusOf(instance.state);
				step = instance.apply(event);
				String after = this.definition.statusOf(step.state());
				durable = this.log.append(instance.sagaId, sequence, event,
						(step.finished() || !after.equals(before)) ? after : null, step.finished());
			}
			catch (RuntimeException ex) {
				logger.error("Saga " + instance.sagaId + ": cannot record " + event + "; left to the sweep", ex);
				drop(instance);
				return;
			}
			if (step.finished()) {
				// a late reply must not be appended after the final event
				instance.close();
			}
		}
		durable.whenCompleteAsync((done, failure) -> {
			if (failure != null) {
				// the in-memory state is ahead of the history: rebuild from what is
				// durable
				drop(instance);
			}
			else {
				proceed(instance, event, step);
			}
		}, this.callbacks);
	}

	/**
	 * Carries on after an event is durable (or a saga was rebuilt from its history, with
	 * no event).
	 */
	private void proceed(Instance instance, E event, Step<S, A> step) {
		if (event != null) {
			try {
				this.observer.appended(instance.sagaId, event, step.state());
			}
			catch (RuntimeException ex) {
				// an observer's failure must not keep the saga from going on
				logger.warn("Saga " + instance.sagaId + ": observer failed on " + event, ex);
			}
		}
		if (step.finished()) {
			this.running.remove(instance.sagaId, instance);
			instance.close();
			this.observer.finished(instance.sagaId, step.state());
			return;
		}
		for (A action : step.actions()) {
			dispatch(instance, action, 1);
		}
	}

	private void dispatch(Instance instance, A action, int attempt) {
		if (instance.closed || !this.open || (attempt > 1 && !instance.stillWants(action))) {
			return;
		}
		CompletableFuture<E> call;
		try {
			call = this.executor.execute(instance.sagaId, action);
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		call.whenComplete((event, failure) -> {
			if (failure == null) {
				record(instance, action, event);
				return;
			}
			if (!instance.stillWants(action)) {
				return;
			}
			long delay = this.backoff.delay(attempt).toMillis();
			if (logger.isDebugEnabled() || attempt % 10 == 1) {
				logger.warn("Saga " + instance.sagaId + ": " + action + " failed (attempt " + attempt + "), again in "
						+ delay + " ms: " + failure);
			}
			retryLater(instance, action, attempt + 1, delay);
		});
	}

	private void retryLater(Instance instance, A action, int attempt, long delayMillis) {
		synchronized (instance) {
			if (instance.closed || !this.open) {
				return;
			}
			ScheduledFuture<?>[] retry = new ScheduledFuture<?>[1];
			retry[0] = this.scheduler.schedule(() -> {
				synchronized (instance) {
					instance.backingOff.remove(action, retry[0]);
				}
				dispatch(instance, action, attempt);
			}, delayMillis, TimeUnit.MILLISECONDS);
			instance.backingOff.put(action, retry[0]);
		}
	}

	/**
	 * Stops driving a saga here; if it is unfinished, the next sweep resumes it from its
	 * durable history and repeats its outstanding calls.
	 */
	private void drop(Instance instance) {
		instance.close();
		this.running.remove(instance.sagaId, instance);
	}

	/** What {@link #signal} or {@link #retryNow} did. */
	public enum Signal {

		/** The saga runs here (resumed if need be) and was told. */
		ACCEPTED,

		/** The saga has ended; nothing was recorded. */
		FINISHED,

		/** Another instance owns the saga's partition; ask there. */
		NOT_OWNED,

		/** No saga has this id. */
		UNKNOWN

	}

	/** What one event led to, decided under the saga's lock. */
	private record Step<S, A>(S state, List<A> actions, boolean finished) {
	}

	/** One running saga; its monitor serialises its events. */
	private final class Instance {

		private final String sagaId;

		private final int partition;

		private final Set<A> inFlight = new HashSet<>();

		/** Actions whose call failed, waiting for their next attempt. */
		private final Map<A, ScheduledFuture<?>> backingOff = new HashMap<>();

		/** When the saga's deadline passes, epoch milliseconds; never if none. */
		private volatile long deadline = Long.MAX_VALUE;

		private S state = SagaEngine.this.definition.initialState();

		private int nextSequence;

		/**
		 * Completes when the saga's first event is durable (at once for a resumed saga).
		 */
		private final CompletableFuture<Void> begun = new CompletableFuture<>();

		private volatile boolean closed;

		Instance(String sagaId, int partition) {
			this.sagaId = sagaId;
			this.partition = partition;
		}

		Step<S, A> apply(E event) {
			this.state = SagaEngine.this.definition.evolve(this.state, event);
			this.nextSequence++;
			return step();
		}

		Step<S, A> restore(StoredSaga<E> stored) {
			this.state = SagaEngine.this.definition.replay(stored.events());
			this.nextSequence = stored.nextSequence();
			return step();
		}

		/** The actions not already under way; those are now under way. */
		private Step<S, A> step() {
			boolean finished = SagaEngine.this.definition.isFinished(this.state);
			this.deadline = SagaEngine.this.definition.deadline(this.state).orElse(Long.MAX_VALUE);
			List<A> fresh = new ArrayList<>();
			if (!finished) {
				for (A action : SagaEngine.this.definition.decide(this.state)) {
					if (this.inFlight.add(action)) {
						fresh.add(action);
					}
				}
			}
			return new Step<>(this.state, fresh, finished);
		}

		/**
		 * Whether the saga still decides an action; if not, the action is no longer under
		 * way (its retries stop).
		 */
		synchronized boolean stillWants(A action) {
			if (this.closed) {
				return false;
			}
			if (SagaEngine.this.definition.decide(this.state).contains(action)) {
				return true;
			}
			this.inFlight.remove(action);
			return false;
		}

		synchronized void close() {
			this.closed = true;
			this.backingOff.values().forEach((retry) -> retry.cancel(false));
			this.backingOff.clear();
		}

	}

}
