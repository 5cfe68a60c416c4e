package org.checkoutsaga.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutMessage;

/**
 * REST ingress: {@code POST /checkouts} with the request id as {@code Idempotency-Key},
 * at most {@code concurrency} requests in flight on the JDK's asynchronous HTTP client.
 * Each checkout is created (request id, client timestamp) right before its request is
 * sent, as the Kafka load creates each event right before producing it.
 */
public final class RestLoad implements AutoCloseable {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final String authorization;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI checkouts;

	private final int concurrency;

	/**
	 * @param orchestratorUrl the orchestrator's base URL
	 * @param concurrency the most requests in flight
	 * @param apiKey a key with role CHECKOUT on the orchestrator
	 */
	public RestLoad(URI orchestratorUrl, int concurrency, String apiKey) {
		this.authorization = "Bearer " + apiKey;
		if (concurrency < 1) {
			throw new IllegalArgumentException("REST concurrency must be at least 1, was " + concurrency);
		}
		this.checkouts = URI.create(orchestratorUrl.toString().replaceAll("/+$", "") + "/checkouts");
		this.concurrency = concurrency;
	}

	/**
	 * @return the most requests in flight
	 */
	public int concurrency() {
		return this.concurrency;
	}

	/**
	 * Post a run's checkouts and wait until every request has been answered.
	 * @param tracker where each checkout is registered before it is sent
	 * @param generator the checkouts
	 * @param events how many
	 * @param experimentId names the run
	 * @return how sending went
	 */
	public SendReport send(Outcomes.Tracker tracker, CheckoutGenerator generator, int events, String experimentId) {
		Semaphore inFlight = new Semaphore(this.concurrency);
		AtomicInteger failed = new AtomicInteger();
		AtomicReference<String> firstFailure = new AtomicReference<>();
		long start = System.nanoTime();
		for (int i = 0; i < events; i++) {
			CheckoutMessage message = generator.next();
			acquire(inFlight, 1);
			String requestId = UUID.randomUUID().toString();
			long clientTimestamp = System.currentTimeMillis();
			tracker.sending(i, requestId, clientTimestamp);
			HttpRequest request = HttpRequest.newBuilder(this.checkouts)
				.timeout(REQUEST_TIMEOUT)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", requestId)
				.header("Authorization", this.authorization)
				.POST(HttpRequest.BodyPublishers
					.ofString(this.json.writeValueAsString(new Body(experimentId, message.userId(), message.items()))))
				.build();
			this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, exception) -> {
				try {
					if (exception != null || response.statusCode() / 100 != 2) {
						failed.incrementAndGet();
						firstFailure.compareAndSet(null, (exception != null) ? exception.toString()
								: "HTTP " + response.statusCode() + " " + response.body());
					}
				}
				finally {
					inFlight.release();
				}
			});
		}
		acquire(inFlight, this.concurrency);
		return new SendReport(events, failed.get(), firstFailure.get(), (System.nanoTime() - start) / 1_000_000);
	}

	@Override
	public void close() {
		// the JDK 17 client has no close(); its threads are daemons
	}

	private static void acquire(Semaphore semaphore, int permits) {
		try {
			if (!semaphore.tryAcquire(permits, REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
				throw new IllegalStateException("POST /checkouts did not answer within " + REQUEST_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The body of {@code POST /checkouts}. */
	record Body(String experimentId, String userId, List<CheckoutItem> items) {
	}

}
