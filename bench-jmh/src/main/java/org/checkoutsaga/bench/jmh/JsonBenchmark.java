package org.checkoutsaga.bench.jmh;

import java.util.ArrayList;
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
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutMessage;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.support.SealedTypesModule;

/**
 * JSON mapping of the messages on the hot path, with the sealed-type module the services
 * register ({@link SealedTypesModule#commonEvents()}): the thesis' checkout event (Kafka
 * ingress), a history event (every append), and a batch of stock commands and replies
 * ({@code POST /stock/operations}: 256 operations; the orchestrator sends up to
 * {@code checkout.calls.stock-batch-size} = 1000). The services' mappers are Spring
 * Boot's, plus this module; this one is a plain {@link JsonMapper} with the module.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JsonBenchmark {

	private static final int STOCK_BATCH = 256;

	private final JsonMapper json = JsonMapper.builder().addModule(SealedTypesModule.commonEvents()).build();

	private final ObjectWriter checkoutEventWriter = this.json.writerFor(CheckoutEvent.class);

	private final ObjectReader checkoutEventReader = this.json.readerFor(CheckoutEvent.class);

	private final ObjectWriter sagaEventWriter = this.json.writerFor(SagaEvent.class);

	private final ObjectReader sagaEventReader = this.json.readerFor(SagaEvent.class);

	private final ObjectWriter commandsWriter = this.json.writerFor(StockCommand[].class);

	private final ObjectReader commandsReader = this.json.readerFor(StockCommand[].class);

	private final ObjectWriter repliesWriter = this.json.writerFor(StockReply[].class);

	private final ObjectReader repliesReader = this.json.readerFor(StockReply[].class);

	private final CheckoutEvent checkoutEvent = new CheckoutEvent("0b7d473c-5bf8-43af-9c65-d6c10b64c278",
			"EP1_4_NODE_JAVA_100_1", 1_752_313_120_631L, new CheckoutMessage("9ec33d65-669c-4542-953f-a35f6c3f1a2b",
					List.of(new CheckoutItem("item-17", 2), new CheckoutItem("item-42", 3))));

	private final byte[] checkoutEventJson = this.checkoutEventWriter.writeValueAsBytes(this.checkoutEvent);

	private final SagaEvent started = CheckoutSagaBenchmark.started();

	private final byte[] startedJson = this.sagaEventWriter.writeValueAsBytes(this.started);

	private final StockCommand[] commands = commands();

	private final byte[] commandsJson = this.commandsWriter.writeValueAsBytes(this.commands);

	private final StockReply[] replies = replies();

	private final byte[] repliesJson = this.repliesWriter.writeValueAsBytes(this.replies);

	@Benchmark
	public byte[] writeCheckoutEvent() {
		return this.checkoutEventWriter.writeValueAsBytes(this.checkoutEvent);
	}

	@Benchmark
	public CheckoutEvent readCheckoutEvent() {
		return this.checkoutEventReader.readValue(this.checkoutEventJson);
	}

	@Benchmark
	public byte[] writeHistoryEvent() {
		return this.sagaEventWriter.writeValueAsBytes(this.started);
	}

	@Benchmark
	public SagaEvent readHistoryEvent() {
		return this.sagaEventReader.readValue(this.startedJson);
	}

	/** One {@code POST /stock/operations} body of 256 retractions. */
	@Benchmark
	public byte[] writeStockCommandBatch() {
		return this.commandsWriter.writeValueAsBytes(this.commands);
	}

	@Benchmark
	public StockCommand[] readStockCommandBatch() {
		return this.commandsReader.readValue(this.commandsJson);
	}

	@Benchmark
	public byte[] writeStockReplyBatch() {
		return this.repliesWriter.writeValueAsBytes(this.replies);
	}

	@Benchmark
	public StockReply[] readStockReplyBatch() {
		return this.repliesReader.readValue(this.repliesJson);
	}

	private static StockCommand[] commands() {
		List<StockCommand> commands = new ArrayList<>();
		for (int i = 0; i < STOCK_BATCH; i++) {
			commands.add(new StockCommand.Retract(operationId(i), "item-" + (i % 100), 1 + i % 3));
		}
		return commands.toArray(StockCommand[]::new);
	}

	private static StockReply[] replies() {
		List<StockReply> replies = new ArrayList<>();
		for (int i = 0; i < STOCK_BATCH; i++) {
			replies.add(new StockReply.Retracted(operationId(i), "item-" + (i % 100), 1 + i % 3, 999_000 - i));
		}
		return replies.toArray(StockReply[]::new);
	}

	private static String operationId(int i) {
		return String.format("%08x-5bf8-43af-9c65-d6c10b64c278/item-%d", i, i % 100);
	}

}
