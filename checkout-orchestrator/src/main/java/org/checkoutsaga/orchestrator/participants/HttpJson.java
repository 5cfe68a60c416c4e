package org.checkoutsaga.orchestrator.participants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import io.github.resilience4j.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over the JDK's non-blocking HTTP client, each request wrapped in a resilience4j
 * retry (with backoff and jitter, from configuration) around a circuit breaker. Pooled
 * keep-alive connections; no thread waits for a response.
 */
final class HttpJson {

	private final HttpClient http;

	private final JsonMapper json;

	private final Duration timeout;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final ScheduledExecutorService scheduler;

	private final @Nullable String authorization;

	HttpJson(HttpClient http, JsonMapper json, Duration timeout, CircuitBreaker circuitBreaker, Retry retry,
			ScheduledExecutorService scheduler, @Nullable String apiKey) {
		this.http = http;
		this.json = json;
		this.timeout = timeout;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.scheduler = scheduler;
		this.authorization = (apiKey != null) ? "Bearer " + apiKey : null;
	}

	/**
	 * Sends a JSON body and reads the JSON answer.
	 * @param method the HTTP method
	 * @param uri the target
	 * @param body the request body, already in JSON
	 * @param answer the type of the answer
	 * @param <T> the answer's type
	 * @return completes with the answer of a 2xx response, or exceptionally once retries
	 * are spent or the circuit is open
	 */
	<T> CompletableFuture<T> exchange(String method, URI uri, byte[] body, Class<T> answer) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		HttpRequest request = builder.build();
		return this.retry
			.executeCompletionStage(this.scheduler,
					() -> this.circuitBreaker.executeCompletionStage(() -> send(request, answer)))
			.toCompletableFuture();
	}

	byte[] write(Object value, Class<?> declaredType) {
		return this.json.writerFor(declaredType).writeValueAsBytes(value);
	}

	private <T> CompletableFuture<T> send(HttpRequest request, Class<T> answer) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply((response) -> {
			if (response.statusCode() / 100 != 2) {
				throw new CallFailedException(request.method() + " " + request.uri(), response.statusCode(),
						new String(response.body(), StandardCharsets.UTF_8));
			}
			return this.json.readValue(response.body(), answer);
		});
	}

}
