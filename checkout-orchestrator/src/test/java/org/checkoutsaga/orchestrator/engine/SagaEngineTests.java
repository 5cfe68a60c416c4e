package org.checkoutsaga.orchestrator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's promises, with a tiny two-step saga and a log whose appends the test makes
 * durable (or fail) by hand: nothing is dispatched before the event causing it is
 * durable, a repeated start waits for the first, and a saga whose append failed is
 * resumed from its durable history by the sweep, only on the instance owning its
 * partition.
 */
class SagaEngineTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final ManualLog log = new ManualLog();

	private final List<String> dispatched = new CopyOnWriteArrayList<>();

	private final Map<String, CompletableFuture<String>> replies = new ConcurrentHashMap<>();

	private final List<String> finished = new CopyOnWriteArrayList<>();

	/** What the observer was told and what was dispatched, in order. */
	private final List<String> timeline = new CopyOnWriteArrayList<>();

	private final SagaObserver<List<String>, String> observer = new SagaObserver<>() {

		@Override
		public void appended(String sagaId, String event, List<String> state) {
			SagaEngineTests.this.timeline.add("durable " + event);
		}

		@Override
		public void finished(String sagaId, List<String> state) {
			SagaEngineTests.this.finished.add(sagaId);
			SagaEngineTests.this.timeline.add("finished " + sagaId);
		}

	};

	private final AtomicLong now = new AtomicLong(1_000);

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(SagaEngineTests.this.now.get());
		}

	};

	private final SagaEngine<List<String>, String, String> engine = new SagaEngine<>(new TwoSteps(), this.log,
			(sagaId, action) -> {
				this.dispatched.add(action);
				this.timeline.add("call " + action);
				return this.replies.computeIfAbsent(action, (a) -> new CompletableFuture<>());
			}, this.observer, this.scheduler, Runnable::run,
			new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)), this.clock);

	/** Retries wait an hour: whatever is dispatched again was dispatched by the test. */
	private final SagaEngine<List<String>, String, String> patient = new SagaEngine<>(new TwoSteps(), this.log,
			(sagaId, action) -> {
				this.dispatched.add(action);
				return this.replies.computeIfAbsent(action, (a) -> new CompletableFuture<>());
			}, (sagaId, state) -> this.finished.add(sagaId), this.scheduler, Runnable::run,
			new RetryBackoff(Duration.ofHours(1), Duration.ofHours(1)), this.clock);

	@AfterEach
	void stop() {
		this.engine.close();
		this.patient.close();
		this.scheduler.shutdownNow();
	}

	@Test
	void dispatchesNothingBeforeTheFirstEventIsDurable() {
		this.engine.recover(List.of(0));
		CompletableFuture<Void> started = this.engine.start("s1", 0, "started");
		assertThat(this.dispatched).isEmpty();
		assertThat(started).isNotDone();

		this.log.makeDurable();
		assertThat(started).isCompleted();
		assertThat(this.dispatched).containsExactly("step-a");
	}

	@Test
	void aRepeatedStartWaitsForTheFirstToBeDurable() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		CompletableFuture<Void> repeat = this.engine.start("s1", 0, "started");
		assertThat(repeat).as("acknowledging the repeat would commit an offset too early").isNotDone();
		assertThat(this.log.pending()).hasSize(1);

		this.log.makeDurable();
		assertThat(repeat).isCompleted();
	}

	@Test
	void recordsRepliesDurablyBeforeTheNextStepAndTellsTheObserverAtTheEnd() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		this.log.makeDurable();
		this.replies.get("step-a").complete("a-done");
		assertThat(this.dispatched).containsExactly("step-a");

		this.log.makeDurable();
		assertThat(this.dispatched).containsExactly("step-a", "step-b");
		this.replies.get("step-b").complete("b-done");
		assertThat(this.finished).isEmpty();

		this.log.makeDurable();
		assertThat(this.finished).containsExactly("s1");
		assertThat(this.log.history("s1")).containsExactly("started", "a-done", "b-done");
		assertThat(this.engine.isRunning("s1")).isFalse();
	}

	@Test
	void tellsTheObserverOfEachEventOnceDurableBeforeItsActionsButNotOfAReplayedHistory() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		assertThat(this.timeline).isEmpty();
		this.log.makeDurable();
		assertThat(this.timeline).containsExactly("durable started", "call step-a");
		this.replies.get("step-a").complete("a-done");
		this.log.fail();

		this.replies.clear();
		this.engine.sweep();
		assertThat(this.timeline).as("resumed from its history: only the call is repeated")
			.containsExactly("durable started", "call step-a", "call step-a");

		this.replies.get("step-a").complete("a-done");
		this.log.makeDurable();
		this.replies.get("step-b").complete("b-done");
		this.log.makeDurable();
		assertThat(this.timeline).containsExactly("durable started", "call step-a", "call step-a", "durable a-done",
				"call step-b", "durable b-done", "finished s1");
	}

	@Test
	void resumesASagaWhoseAppendFailedFromItsDurableHistory() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		this.log.makeDurable();
		this.replies.get("step-a").complete("a-done");
		this.log.fail();
		assertThat(this.engine.isRunning("s1")).as("dropped: its memory is ahead of its history").isFalse();

		this.replies.clear();
		assertThat(this.engine.sweep()).isEqualTo(1);
		assertThat(this.dispatched).as("the outstanding call is repeated").containsExactly("step-a", "step-a");
		assertThat(this.engine.isRunning("s1")).isTrue();
	}

	@Test
	void leavesSagasOfPartitionsItDoesNotOwnAlone() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		this.log.makeDurable();
		this.engine.release(List.of(0));
		assertThat(this.engine.isRunning("s1")).isFalse();

		assertThat(this.engine.sweep()).isZero();
		this.engine.resumeIfUnfinished("s1");
		assertThat(this.engine.isRunning("s1")).isFalse();

		assertThat(this.engine.recover(List.of(0))).isEqualTo(1);
		assertThat(this.engine.isRunning("s1")).isTrue();
	}

	@Test
	void recordsTheDeadlineEventOnlyOnceTheDeadlinePassed() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		this.log.makeDurable();
		this.now.set(TwoSteps.DEADLINE - 1);
		assertThat(this.engine.checkDeadlines()).isZero();
		assertThat(this.log.pending()).isEmpty();

		this.now.set(TwoSteps.DEADLINE);
		assertThat(this.engine.checkDeadlines()).isOne();
		this.log.makeDurable();
		assertThat(this.log.history("s1")).containsExactly("started", "timed-out@" + TwoSteps.DEADLINE);
		assertThat(this.dispatched).containsExactly("step-a", "undo");
		assertThat(this.engine.checkDeadlines()).as("no deadline after it passed").isZero();
	}

	@Test
	void aDeadlineThatPassesBeforeTheStartIsDurableIsRecordedAfterIt() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		this.now.set(TwoSteps.DEADLINE);

		this.engine.checkDeadlines();
		assertThat(this.log.pending()).as("only the start is under way").hasSize(1);

		this.log.makeDurable();
		this.log.makeDurable();
		assertThat(this.log.history("s1")).containsExactly("started", "timed-out@" + TwoSteps.DEADLINE);
	}

	@Test
	void aDeadlineOfASagaWhoseStartFailedIsNotRecorded() {
		this.engine.recover(List.of(0));
		this.engine.start("s1", 0, "started");
		this.now.set(TwoSteps.DEADLINE);
		this.engine.checkDeadlines();
		assertThat(this.log.pending()).as("only the start is under way").hasSize(1);

		this.log.fail();
		assertThat(this.log.pending()).as("nothing recorded after the start failed").isEmpty();
		assertThat(this.log.history("s1")).isNull();
	}

	@Test
	void givesUpRetryingAStepTheSagaNoLongerWantsAfterTheDeadline() {
		this.patient.recover(List.of(0));
		this.patient.start("s1", 0, "started");
		this.log.makeDurable();
		this.replies.get("step-a").completeExceptionally(new IllegalStateException("503"));
		assertThat(this.patient.retryNow("s1", "test")).isEqualTo(SagaEngine.Signal.ACCEPTED);
		assertThat(this.dispatched).as("a failed step waiting out its backoff is retried at once")
			.containsExactly("step-a", "step-a");

		this.now.set(TwoSteps.DEADLINE);
		this.patient.checkDeadlines();
		this.log.makeDurable();
		assertThat(this.dispatched).containsExactly("step-a", "step-a", "undo");
		this.patient.retryNow("s1", "test");
		assertThat(this.dispatched).as("step-a was given up at the deadline")
			.containsExactly("step-a", "step-a", "undo");
	}

	@Test
	void aRetryOfAnUnknownOrEndedSagaSaysSo() {
		this.engine.recover(List.of(0));
		assertThat(this.engine.retryNow("nope", "test")).isEqualTo(SagaEngine.Signal.UNKNOWN);
		this.engine.start("s1", 0, "started");
		this.log.makeDurable();
		this.replies.get("step-a").complete("a-done");
		this.log.makeDurable();
		this.replies.get("step-b").complete("b-done");
		this.log.makeDurable();
		assertThat(this.engine.retryNow("s1", "test")).isEqualTo(SagaEngine.Signal.FINISHED);
	}

	/**
	 * started -> step-a -> step-b -> finished; the state is the list of events. The
	 * deadline gives up both steps for an undo.
	 */
	private static final class TwoSteps implements SagaDefinition<List<String>, String, String> {

		@Override
		public List<String> initialState() {
			return List.of();
		}

		@Override
		public List<String> evolve(List<String> state, String event) {
			List<String> next = new ArrayList<>(state);
			next.add(event);
			return List.copyOf(next);
		}

		static final long DEADLINE = 60_000;

		@Override
		public List<String> decide(List<String> state) {
			if (timedOut(state)) {
				return state.contains("undone") ? List.of() : List.of("undo");
			}
			if (!state.contains("a-done")) {
				return List.of("step-a");
			}
			return state.contains("b-done") ? List.of() : List.of("step-b");
		}

		@Override
		public boolean isFinished(List<String> state) {
			return state.contains("b-done") || state.contains("undone");
		}

		@Override
		public OptionalLong deadline(List<String> state) {
			return (isFinished(state) || timedOut(state)) ? OptionalLong.empty() : OptionalLong.of(DEADLINE);
		}

		@Override
		public String deadlinePassed(List<String> state, long now) {
			return "timed-out@" + now;
		}

		private static boolean timedOut(List<String> state) {
			return state.stream().anyMatch((event) -> event.startsWith("timed-out"));
		}

		@Override
		public String statusOf(List<String> state) {
			return isFinished(state) ? "DONE" : "RUNNING";
		}

	}

	/**
	 * A log whose appends stay pending until the test makes them durable or fails them.
	 */
	private static final class ManualLog implements SagaLog<String> {

		private final Map<String, List<String>> durable = new ConcurrentHashMap<>();

		private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

		private final List<Append> pending = new CopyOnWriteArrayList<>();

		@Override
		public CompletableFuture<Void> begin(String sagaId, int partition, String status, String first) {
			this.partitions.put(sagaId, partition);
			return append(sagaId, 0, first, status, false);
		}

		@Override
		public CompletableFuture<Void> append(String sagaId, int sequence, String event, String status,
				boolean finished) {
			Append append = new Append(sagaId, event, new CompletableFuture<>());
			this.pending.add(append);
			return append.future();
		}

		List<Append> pending() {
			return this.pending;
		}

		void makeDurable() {
			List<Append> now = List.copyOf(this.pending);
			this.pending.clear();
			now.forEach((append) -> {
				this.durable.computeIfAbsent(append.sagaId(), (id) -> new CopyOnWriteArrayList<>()).add(append.event());
				append.future().complete(null);
			});
		}

		void fail() {
			List<Append> now = List.copyOf(this.pending);
			this.pending.clear();
			now.forEach((append) -> append.future().completeExceptionally(new IllegalStateException("disk full")));
		}

		List<String> history(String sagaId) {
			return this.durable.get(sagaId);
		}

		@Override
		public List<StoredSaga<String>> loadUnfinished(Collection<Integer> partitions, Set<String> except) {
			return this.durable.keySet()
				.stream()
				.filter((id) -> partitions.contains(this.partitions.get(id)) && !except.contains(id))
				.filter((id) -> !this.durable.get(id).contains("b-done"))
				.map((id) -> load(id).orElseThrow())
				.collect(Collectors.toList());
		}

		@Override
		public Optional<StoredSaga<String>> load(String sagaId) {
			List<String> events = this.durable.get(sagaId);
			return (events != null)
					? Optional.of(new StoredSaga<>(sagaId, this.partitions.get(sagaId), events, events.size()))
					: Optional.empty();
		}

		@Override
		public Set<String> existing(Collection<String> sagaIds) {
			return sagaIds.stream().filter(this.durable::containsKey).collect(Collectors.toSet());
		}

		private record Append(String sagaId, String event, CompletableFuture<Void> future) {
		}

	}

}
