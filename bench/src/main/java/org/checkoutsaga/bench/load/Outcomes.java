package org.checkoutsaga.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutOutcome;

/**
 * Reads {@code checkout-results} from its end, from before the first checkout is sent,
 * and hands each outcome to the run expecting it. Outcomes of checkouts no run sent are
 * ignored; a repeated outcome (the suite may publish one twice after a crash) keeps the
 * first.
 */
public final class Outcomes implements AutoCloseable {

	private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

	private final KafkaConsumer<String, String> consumer;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Slot> expected = new ConcurrentHashMap<>();

	private final Thread thread;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private volatile boolean running = true;

	/**
	 * Start reading outcomes; returns once the consumer is at the topic's end.
	 * @param bootstrapServers the Kafka cluster
	 */
	public Outcomes(String bootstrapServers) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.CLIENT_ID_CONFIG, "bench-outcomes"),
				new StringDeserializer(), new StringDeserializer());
		List<TopicPartition> partitions = partitions();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		// resolve the positions now, so nothing published from here on is skipped
		partitions.forEach(this.consumer::position);
		this.thread = new Thread(this::run, "bench-outcomes");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Start expecting the outcomes of one run.
	 * @param events how many checkouts the run sends
	 * @return the run's tracker
	 */
	public Tracker track(int events) {
		return new Tracker(events);
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<TopicPartition> partitions() {
		long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
		while (true) {
			List<PartitionInfo> infos = this.consumer.partitionsFor(CheckoutOutcome.TOPIC, Duration.ofSeconds(10));
			if (infos != null && !infos.isEmpty()) {
				return infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Topic " + CheckoutOutcome.TOPIC + " not found within " + TOPIC_WAIT
						+ ": is the orchestrator running?");
			}
			pause(Duration.ofMillis(500));
		}
	}

	private void run() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
					accept(record.value());
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		catch (RuntimeException ex) {
			this.failure.set(ex);
		}
		finally {
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

	private void accept(String value) {
		JsonNode outcome;
		try {
			outcome = this.json.readTree(value);
		}
		catch (RuntimeException ex) {
			return;
		}
		JsonNode requestId = outcome.get("requestId");
		Slot slot = (requestId != null) ? this.expected.get(requestId.asString()) : null;
		if (slot == null) {
			return;
		}
		JsonNode reason = outcome.get("reason");
		slot.arrive(new Sample.Outcome(outcome.get("status").asString(),
				(reason != null && !reason.isNull()) ? reason.asString() : null, outcome.get("completedAt").asLong(),
				outcome.get("clientTimestamp").asLong()));
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The checkouts of one run: each is registered before it is sent, so an outcome that
	 * comes back at once is not missed.
	 */
	public final class Tracker implements AutoCloseable {

		private final Slot[] slots;

		private final AtomicInteger arrived = new AtomicInteger();

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition changed = this.lock.newCondition();

		private volatile long lastArrival = System.nanoTime();

		private Tracker(int events) {
			this.slots = new Slot[events];
		}

		/**
		 * Record a checkout about to be sent.
		 * @param index its index in the run
		 * @param requestId its request id
		 * @param clientTimestamp its creation time, epoch milliseconds
		 */
		public void sending(int index, String requestId, long clientTimestamp) {
			Slot slot = new Slot(this, index, requestId, clientTimestamp);
			this.slots[index] = slot;
			Outcomes.this.expected.put(requestId, slot);
		}

		/**
		 * @return how many of the run's checkouts have an outcome
		 */
		public int arrived() {
			return this.arrived.get();
		}

		/**
		 * Wait until every checkout sent has an outcome, the deadline passes, or no
		 * outcome came for {@code idle}.
		 * @param deadline the longest wait
		 * @param idle the longest wait without any outcome coming
		 * @return every checkout sent, with its outcome or null
		 */
		public List<Sample> await(Duration deadline, Duration idle) {
			return await(deadline, idle, Duration.ZERO, (arrived, waited) -> {
			});
		}

		/**
		 * Wait as {@link #await(Duration, Duration)} does, telling how far the run got
		 * every {@code every}.
		 * @param deadline the longest wait
		 * @param idle the longest wait without any outcome coming
		 * @param every how often to report progress, zero for never
		 * @param progress told the outcomes so far and the time waited
		 * @return every checkout sent, with its outcome or null
		 */
		public List<Sample> await(Duration deadline, Duration idle, Duration every,
				BiConsumer<Integer, Duration> progress) {
			long start = System.nanoTime();
			long end = start + deadline.toNanos();
			long nextReport = every.isZero() ? Long.MAX_VALUE : start + every.toNanos();
			int sent = sent();
			this.lock.lock();
			try {
				while (this.arrived.get() < sent) {
					if (System.nanoTime() > nextReport) {
						progress.accept(this.arrived.get(), Duration.ofNanos(System.nanoTime() - start));
						nextReport += every.toNanos();
					}
					Exception failed = Outcomes.this.failure.get();
					if (failed != null) {
						throw new IllegalStateException("Reading " + CheckoutOutcome.TOPIC + " failed", failed);
					}
					long now = System.nanoTime();
					if (now > end || now - this.lastArrival > idle.toNanos()) {
						break;
					}
					this.changed.await(100, TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.lock.unlock();
			}
			List<Sample> samples = new ArrayList<>(sent);
			for (Slot slot : this.slots) {
				if (slot != null) {
					samples.add(new Sample(slot.index, slot.requestId, slot.clientTimestamp, slot.outcome.get()));
				}
			}
			return samples;
		}

		/**
		 * Stop expecting this run's outcomes.
		 */
		@Override
		public void close() {
			for (Slot slot : this.slots) {
				if (slot != null) {
					Outcomes.this.expected.remove(slot.requestId, slot);
				}
			}
		}

		private int sent() {
			int sent = 0;
			for (Slot slot : this.slots) {
				if (slot != null) {
					sent++;
				}
			}
			return sent;
		}

		private void onArrival() {
			this.lastArrival = System.nanoTime();
			this.arrived.incrementAndGet();
			this.lock.lock();
			try {
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}

	}

	private static final class Slot {

		private final Tracker tracker;

		private final int index;

		private final String requestId;

		private final long clientTimestamp;

		private final AtomicReference<Sample.Outcome> outcome = new AtomicReference<>();

		Slot(Tracker tracker, int index, String requestId, long clientTimestamp) {
			this.tracker = tracker;
			this.index = index;
			this.requestId = requestId;
			this.clientTimestamp = clientTimestamp;
		}

		void arrive(Sample.Outcome outcome) {
			if (this.outcome.compareAndSet(null, outcome)) {
				this.tracker.onArrival();
			}
		}

	}

}
