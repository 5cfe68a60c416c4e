package org.checkoutsaga.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.checkoutsaga.support.testing.TestApiKeys;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Real HTTP to an orchestrator started by a test, and reading what it answers. Every
 * request of the orchestrator's tests goes through {@link #send}, so anything all of them
 * need (an authentication header, say) is added in one place.
 */
public final class OrchestratorHttp {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	private final @Nullable String apiKey;

	/**
	 * A client with every role ({@link TestApiKeys#EVERYTHING}), for tests about
	 * something other than access.
	 */
	public OrchestratorHttp(int port) {
		this(port, TestApiKeys.EVERYTHING);
	}

	/**
	 * @param apiKey the key sent with every request, {@code null} for none
	 */
	public OrchestratorHttp(int port, @Nullable String apiKey) {
		this.port = port;
		this.apiKey = apiKey;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/**
	 * Posts a JSON body.
	 * @param path the path and query, e.g. {@code /checkouts?wait=5s}
	 * @param body the body as sent
	 * @param headers more headers, e.g. {@code Idempotency-Key}
	 * @return the answer
	 */
	public HttpResponse<String> postJson(String path, String body, Map<String, String> headers) {
		return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8), false, headers);
	}

	/**
	 * Posts any bytes.
	 * @param path the path and query
	 * @param contentType the Content-Type header, or null for none
	 * @param body the body as sent
	 * @param chunked whether to send the body chunked, without a Content-Length
	 * @param headers more headers
	 * @return the answer
	 */
	public HttpResponse<String> post(String path, String contentType, byte[] body, boolean chunked,
			Map<String, String> headers) {
		return send("POST", path, contentType, body, chunked, headers);
	}

	/**
	 * Sends any bytes with any method.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param contentType the Content-Type header, or null for none
	 * @param body the body as sent
	 * @param chunked whether to send the body chunked, without a Content-Length
	 * @param headers more headers
	 * @return the answer
	 */
	public HttpResponse<String> send(String method, String path, String contentType, byte[] body, boolean chunked,
			Map<String, String> headers) {
		HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(body);
		// a publisher that does not know its length makes the client send chunks
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, chunked ? HttpRequest.BodyPublishers.fromPublisher(publisher) : publisher);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		headers.forEach(request::header);
		return send(request);
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			if (this.apiKey != null) {
				request.setHeader("Authorization", TestApiKeys.bearer(this.apiKey));
			}
			return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The types of a checkout's history events, in order.
	 * @param checkout the checkout as shown by {@code GET /checkouts/{id}}
	 * @return the event types
	 */
	public static List<String> eventTypes(JsonNode checkout) {
		List<String> types = new ArrayList<>();
		checkout.get("history").forEach((entry) -> types.add(entry.get("event").get("type").asString()));
		return types;
	}

}
