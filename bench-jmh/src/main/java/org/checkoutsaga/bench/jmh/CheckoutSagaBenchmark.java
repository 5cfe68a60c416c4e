package org.checkoutsaga.bench.jmh;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.RejectionReason;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;

/**
 * The checkout saga's pure code, as the engine runs it for one checkout of the thesis'
 * workload (two items): fold each history event with {@code evolve} and ask
 * {@code decide} for the next actions; and {@code replay} of a whole history, as recovery
 * and {@code GET /checkouts/{id}} do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CheckoutSagaBenchmark {

	private final CheckoutSaga saga = new CheckoutSaga(Duration.ofMinutes(10));

	private final List<SagaEvent> completed = completedHistory();

	private final List<SagaEvent> compensated = compensatedHistory();

	/** Started, both items retracted, receipt stored: decide after every event. */
	@Benchmark
	public CheckoutState evolveAndDecideCompleted(Blackhole blackhole) {
		return run(this.completed, blackhole);
	}

	/** Started, one retracted, one out of stock, the first restored. */
	@Benchmark
	public CheckoutState evolveAndDecideCompensated(Blackhole blackhole) {
		return run(this.compensated, blackhole);
	}

	/** Rebuild a completed checkout's state from its history. */
	@Benchmark
	public CheckoutState replayCompleted() {
		return this.saga.replay(this.completed);
	}

	private CheckoutState run(List<SagaEvent> history, Blackhole blackhole) {
		CheckoutState state = this.saga.initialState();
		for (SagaEvent event : history) {
			state = this.saga.evolve(state, event);
			blackhole.consume(this.saga.decide(state));
		}
		return state;
	}

	static CheckoutStarted started() {
		return new CheckoutStarted("0b7d473c-5bf8-43af-9c65-d6c10b64c278", "0b7d473c-5bf8-43af-9c65-d6c10b64c278",
				"jmh", "9ec33d65-669c-4542-953f-a35f6c3f1a2b",
				List.of(new CheckoutItem("item-17", 2), new CheckoutItem("item-42", 3)), 1_752_313_120_631L,
				SagaEvent.Source.KAFKA, 1_752_313_420_631L);
	}

	static List<SagaEvent> completedHistory() {
		return List.of(started(), new SagaEvent.StockRetracted("item-17", 2),
				new SagaEvent.StockRetracted("item-42", 3),
				new SagaEvent.ReceiptStored("1f632a5a-d4ce-4de9-98e5-b130b9569310", 1_752_313_120_900L));
	}

	static List<SagaEvent> compensatedHistory() {
		return List.of(started(), new SagaEvent.StockRetracted("item-17", 2),
				new SagaEvent.StockRefused("item-42", RejectionReason.OUT_OF_STOCK, "requested 3, available 1"),
				new SagaEvent.StockRestored("item-17", 2));
	}

}
