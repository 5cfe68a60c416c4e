package org.checkoutsaga.orchestrator.outcome;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.checkoutsaga.events.CheckoutStatus;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.events.SagaEvent.StockRefused;
import org.checkoutsaga.events.SagaEvent.StockRetracted;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.checkoutsaga.orchestrator.saga.CheckoutState.Line;
import org.checkoutsaga.orchestrator.saga.CheckoutState.LineStatus;
import org.springframework.stereotype.Component;

/**
 * The {@code checkout.stage} timer, tagged with the stage, recorded per checkout as each
 * stage becomes durable:
 * <ul>
 * <li>{@code ingress}: from the client's timestamp until {@link CheckoutStarted} is
 * durable (Kafka or REST in, history commit);</li>
 * <li>{@code stock}: from then until the event answering the last retraction is durable
 * (fan-out and fan-in);</li>
 * <li>{@code receipt}: from then until the receipt is stored and durable;</li>
 * <li>{@code compensation}: for a rejected checkout, from the last retraction's answer
 * until the final event is durable;</li>
 * <li>{@code outcome}: from the final event durable until Kafka acknowledged the
 * outcome.</li>
 * </ul>
 * A checkout records the stages it passes here: one that times out before every
 * retraction answered has no {@code stock} stage, one recovered from its history none.
 * The marks of checkouts in flight are kept until their outcome is published; at most
 * {@value #MAX_TRACKED} (checkouts handed to another instance never finish here), beyond
 * which they are all forgotten and tracking starts over.
 */
@Component
class CheckoutStages {

	static final String STAGE = "checkout.stage";

	static final int MAX_TRACKED = 100_000;

	private final Clock clock;

	private final Map<String, Marks> inFlight = new ConcurrentHashMap<>();

	private final Timer ingress;

	private final Timer stock;

	private final Timer receipt;

	private final Timer compensation;

	private final Timer outcome;

	CheckoutStages(MeterRegistry meters, Clock clock) {
		this.clock = clock;
		this.ingress = timer(meters, "ingress", "From the client's timestamp until the checkout's start is durable");
		this.stock = timer(meters, "stock", "From the start durable until every retraction's answer is durable");
		this.receipt = timer(meters, "receipt", "From the last retraction's answer until the receipt is durable");
		this.compensation = timer(meters, "compensation",
				"From the last retraction's answer until a rejected checkout's final event is durable");
		this.outcome = timer(meters, "outcome", "From the final event durable until Kafka took the outcome");
	}

	/**
	 * An event of a checkout driven here is durable.
	 * @param checkoutId the checkout
	 * @param event the event
	 * @param state the checkout right after it
	 */
	void appended(String checkoutId, SagaEvent event, CheckoutState state) {
		long now = System.nanoTime();
		if (event instanceof CheckoutStarted started) {
			long waited = this.clock.millis() - started.clientTimestamp();
			this.ingress.record(Math.max(0, waited), TimeUnit.MILLISECONDS);
			if (this.inFlight.size() >= MAX_TRACKED) {
				this.inFlight.clear();
			}
			this.inFlight.put(checkoutId, new Marks(now));
			return;
		}
		Marks marks = this.inFlight.get(checkoutId);
		if (marks == null) {
			return;
		}
		if ((event instanceof StockRetracted || event instanceof StockRefused) && allAnswered(state)) {
			marks.stockAnswered(now, this.stock);
		}
		CheckoutStatus status = state.status();
		if (status.isTerminal()) {
			marks.ended(now, (status == CheckoutStatus.COMPLETED) ? this.receipt : this.compensation);
		}
	}

	/**
	 * Kafka took the outcome of a checkout: its stages are all recorded.
	 * @param checkoutId the checkout
	 */
	void published(String checkoutId) {
		Marks marks = this.inFlight.remove(checkoutId);
		if (marks != null) {
			marks.published(System.nanoTime(), this.outcome);
		}
	}

	int tracked() {
		return this.inFlight.size();
	}

	private static boolean allAnswered(CheckoutState state) {
		for (Line line : state.lines()) {
			if (line.status() == LineStatus.PENDING) {
				return false;
			}
		}
		return true;
	}

	private static Timer timer(MeterRegistry meters, String stage, String description) {
		return Timer.builder(STAGE).description(description).tag("stage", stage).register(meters);
	}

	/**
	 * When one checkout's stages ended, {@link System#nanoTime()}. Events that became
	 * durable together may be told at the same time, hence the lock.
	 */
	private static final class Marks {

		private static final long NONE = Long.MIN_VALUE;

		private final long started;

		private long stockAnswered = NONE;

		private long ended = NONE;

		Marks(long started) {
			this.started = started;
		}

		synchronized void stockAnswered(long now, Timer stock) {
			if (this.stockAnswered == NONE) {
				this.stockAnswered = now;
				stock.record(now - this.started, TimeUnit.NANOSECONDS);
			}
		}

		/** The final event is durable: the receipt or compensation stage ends. */
		synchronized void ended(long now, Timer stage) {
			if (this.ended == NONE) {
				this.ended = now;
				if (this.stockAnswered != NONE) {
					stage.record(now - this.stockAnswered, TimeUnit.NANOSECONDS);
				}
			}
		}

		synchronized void published(long now, Timer outcome) {
			if (this.ended != NONE) {
				outcome.record(now - this.ended, TimeUnit.NANOSECONDS);
			}
		}

	}

}
