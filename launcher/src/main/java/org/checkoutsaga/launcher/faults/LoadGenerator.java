package org.checkoutsaga.launcher.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.checkoutsaga.launcher.DevCredentials;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutMessage;

/**
 * Submits a plan of checkouts the way users do: over REST ({@code POST /checkouts} with
 * an {@code Idempotency-Key}, retried with the same key on connection errors and 5xx, so
 * a retry never makes a second checkout) and as records on {@code checkout-events}
 * (thesis payload, producer with {@code acks=all} and idempotence). A checkout counts as
 * accepted once REST answers 202/200 or the broker acknowledges the record.
 */
final class LoadGenerator implements AutoCloseable {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private final String orchestratorUrl;

	private final Duration giveUpAfter;

	private final int maxRestInFlight;

	private final HttpClient http;

	private final KafkaProducer<String, String> producer;

	private final JsonMapper json = JsonMapper.builder().build();

	private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(1, (task) -> {
		Thread thread = new Thread(task, "rest-retries");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param orchestratorUrl where REST checkouts go
	 * @param bootstrapServers where Kafka checkouts go
	 * @param maxRestInFlight REST requests under way at once, retries included
	 * @param giveUpAfter how long a checkout is retried before it counts as not accepted
	 */
	LoadGenerator(String orchestratorUrl, String bootstrapServers, int maxRestInFlight, Duration giveUpAfter) {
		this.orchestratorUrl = orchestratorUrl;
		this.giveUpAfter = giveUpAfter;
		this.maxRestInFlight = maxRestInFlight;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		Map<String, Object> producerSettings = new LinkedHashMap<>();
		producerSettings.put("bootstrap.servers", bootstrapServers);
		producerSettings.put("acks", "all");
		producerSettings.put("enable.idempotence", true);
		producerSettings.put("linger.ms", 5);
		producerSettings.put("delivery.timeout.ms", (int) giveUpAfter.toMillis());
		producerSettings.put("request.timeout.ms", 15_000);
		producerSettings.put("max.block.ms", 60_000);
		this.producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer());
	}

	/**
	 * Start submitting a plan in the background, REST and Kafka each at its share of the
	 * rate.
	 * @param experimentId the experiment id of every checkout
	 * @param plan the checkouts, in order
	 * @param ratePerSecond checkouts per second over both channels, 0 for all at once
	 * @return the run, to follow and wait for
	 */
	LoadRun start(String experimentId, List<PlannedCheckout> plan, double ratePerSecond) {
		LoadRun run = new LoadRun(experimentId, plan);
		long startedAt = System.nanoTime();
		for (PlannedCheckout.Channel channel : PlannedCheckout.Channel.values()) {
			Thread dispatcher = new Thread(() -> dispatch(run, channel, startedAt, ratePerSecond),
					"load-" + channel.name().toLowerCase());
			dispatcher.setDaemon(true);
			dispatcher.start();
		}
		return run;
	}

	private void dispatch(LoadRun run, PlannedCheckout.Channel channel, long startedAt, double ratePerSecond) {
		for (Submission submission : run.submissions) {
			if (submission.planned.channel() != channel) {
				continue;
			}
			if (ratePerSecond > 0) {
				long due = startedAt + (long) (submission.planned.index() * 1e9 / ratePerSecond);
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
			}
			submission.firstAttemptAt = System.currentTimeMillis();
			run.dispatched.incrementAndGet();
			if (channel == PlannedCheckout.Channel.REST) {
				run.restPermits.acquireUninterruptibly();
				post(run, submission);
			}
			else {
				publish(run, submission);
			}
		}
	}

	private void post(LoadRun run, Submission submission) {
		PlannedCheckout planned = submission.planned;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("experimentId", run.experimentId);
		body.put("userId", planned.userId());
		body.put("items", planned.items());
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.orchestratorUrl + "/checkouts"))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", planned.checkoutId())
			.header("Authorization", "Bearer " + DevCredentials.TOOLS)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		submission.attempts.incrementAndGet();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				run.restErrors.incrementAndGet();
				retryOrGiveUp(run, submission, (cause instanceof IOException) ? cause.toString() : null,
						cause.toString());
			}
			else if (response.statusCode() == 202 || response.statusCode() == 200) {
				String answered = checkoutIdOf(response.body());
				if (planned.checkoutId().equals(answered)) {
					submission.accepted(System.currentTimeMillis());
				}
				else {
					submission.refused("answered " + response.statusCode() + " for checkout " + answered);
				}
				run.restPermits.release();
				run.resolved.countDown();
			}
			else if (response.statusCode() >= 500) {
				run.rest5xx.incrementAndGet();
				retryOrGiveUp(run, submission, "HTTP " + response.statusCode(), null);
			}
			else {
				submission.refused("HTTP " + response.statusCode() + ": " + response.body());
				run.restPermits.release();
				run.resolved.countDown();
			}
		});
	}

	private void retryOrGiveUp(LoadRun run, Submission submission, String retryable, String fatal) {
		long elapsed = System.currentTimeMillis() - submission.firstAttemptAt;
		if (retryable != null && elapsed < this.giveUpAfter.toMillis()) {
			submission.lastFailure = retryable;
			int attempt = submission.attempts.get();
			long backoff = Math.min(2000, 100L << Math.min(attempt - 1, 5));
			long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
			this.retries.schedule(() -> post(run, submission), jittered, TimeUnit.MILLISECONDS);
			return;
		}
		submission.gaveUp((retryable != null) ? "gave up after " + elapsed + " ms: " + retryable : fatal);
		run.restPermits.release();
		run.resolved.countDown();
	}

	private void publish(LoadRun run, Submission submission) {
		PlannedCheckout planned = submission.planned;
		CheckoutEvent event = new CheckoutEvent(planned.checkoutId(), run.experimentId, System.currentTimeMillis(),
				new CheckoutMessage(planned.userId(), planned.items()));
		submission.attempts.incrementAndGet();
		try {
			this.producer.send(new ProducerRecord<>(CheckoutEvent.TOPIC, planned.checkoutId(),
					this.json.writeValueAsString(event)), (metadata, failure) -> {
						if (failure == null) {
							submission.accepted(System.currentTimeMillis());
						}
						else {
							submission.gaveUp("send failed: " + failure);
						}
						run.resolved.countDown();
					});
		}
		catch (RuntimeException ex) {
			submission.gaveUp("send failed: " + ex);
			run.resolved.countDown();
		}
	}

	private String checkoutIdOf(String body) {
		try {
			JsonNode node = this.json.readTree(body);
			return node.path("checkoutId").asString(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.retries.shutdownNow();
		this.producer.close(Duration.ofSeconds(10));
	}

	/**
	 * One plan being submitted.
	 */
	final class LoadRun {

		private final String experimentId;

		private final List<Submission> submissions;

		private final CountDownLatch resolved;

		private final Semaphore restPermits = new Semaphore(LoadGenerator.this.maxRestInFlight);

		private final AtomicInteger dispatched = new AtomicInteger();

		private final AtomicInteger restErrors = new AtomicInteger();

		private final AtomicInteger rest5xx = new AtomicInteger();

		private LoadRun(String experimentId, List<PlannedCheckout> plan) {
			this.experimentId = experimentId;
			List<Submission> submissions = new ArrayList<>();
			plan.forEach((planned) -> submissions.add(new Submission(planned)));
			this.submissions = List.copyOf(submissions);
			this.resolved = new CountDownLatch(plan.size());
		}

		/**
		 * @return every checkout of the plan and how its submission went
		 */
		List<Submission> submissions() {
			return this.submissions;
		}

		/**
		 * @return how many checkouts have been sent at least once
		 */
		int dispatched() {
			return this.dispatched.get();
		}

		/**
		 * Wait until every checkout is accepted or given up.
		 * @param timeout how long to wait
		 * @return whether all are
		 */
		boolean awaitResolved(Duration timeout) {
			try {
				return this.resolved.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		/**
		 * @return REST attempts that failed without an answer (connection refused, reset,
		 * timeout)
		 */
		int restErrors() {
			return this.restErrors.get();
		}

		/**
		 * @return REST answers 5xx
		 */
		int rest5xx() {
			return this.rest5xx.get();
		}

	}

	/**
	 * One checkout's submission.
	 */
	static final class Submission {

		final PlannedCheckout planned;

		final AtomicInteger attempts = new AtomicInteger();

		volatile long firstAttemptAt;

		volatile long acceptedAt;

		volatile String lastFailure;

		volatile State state = State.PENDING;

		Submission(PlannedCheckout planned) {
			this.planned = planned;
		}

		void accepted(long at) {
			this.acceptedAt = at;
			this.state = State.ACCEPTED;
		}

		void gaveUp(String why) {
			this.lastFailure = why;
			this.state = State.GAVE_UP;
		}

		void refused(String why) {
			this.lastFailure = why;
			this.state = State.REFUSED;
		}

		boolean isAccepted() {
			return this.state == State.ACCEPTED;
		}

		/** Where a submission stands. */
		enum State {

			/** Not answered yet. */
			PENDING,

			/** REST answered 202/200 or the broker acknowledged the record. */
			ACCEPTED,

			/** Retried until the give-up deadline, or the send failed. */
			GAVE_UP,

			/** REST answered 4xx: the checkout is not taken. */
			REFUSED

		}

	}

}
