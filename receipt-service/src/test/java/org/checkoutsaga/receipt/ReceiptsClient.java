package org.checkoutsaga.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.checkoutsaga.support.testing.TestApiKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriUtils;

/**
 * Talks to a running receipt service over real HTTP. Every request of the receipt
 * service's tests goes through here, so anything all of them need (an authentication
 * header, say) is added in one place.
 */
final class ReceiptsClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String root;

	private final String baseUrl;

	ReceiptsClient(int port) {
		this.root = "http://localhost:" + port;
		this.baseUrl = this.root + "/receipts";
	}

	/**
	 * Sends any bytes.
	 * @param method the HTTP method
	 * @param path the path, e.g. {@code /receipts/c-1}
	 * @param contentType the Content-Type header, or null for none
	 * @param body the body as sent
	 * @param chunked whether to send the body chunked, without a Content-Length
	 * @param headers more headers
	 * @return the answer
	 */
	Answer send(String method, String path, String contentType, byte[] body, boolean chunked,
			Map<String, String> headers) {
		BodyPublisher publisher = BodyPublishers.ofByteArray(body);
		// a publisher that does not know its length makes the client send chunks
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.root + path))
			.method(method, chunked ? BodyPublishers.fromPublisher(publisher) : publisher);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		headers.forEach(request::header);
		return join(send(request));
	}

	/**
	 * Gets any path as text, e.g. {@code /actuator/prometheus}.
	 */
	String getText(String path) {
		try {
			return this.http
				.send(authorized(HttpRequest.newBuilder(URI.create(this.root + path))).build(), BodyHandlers.ofString())
				.body();
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
	 * Puts a body, serialized to JSON unless it is a string already.
	 */
	Answer put(String checkoutId, Object body) {
		return join(putAsync(checkoutId, body));
	}

	CompletableFuture<Answer> putAsync(String checkoutId, Object body) {
		String text = (body instanceof String string) ? string : json.writeValueAsString(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(receipt(checkoutId))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(text, StandardCharsets.UTF_8));
		return send(request);
	}

	/**
	 * Posts a batch of receipts, serialized to JSON unless it is a string already.
	 */
	Answer postAll(Object body) {
		String text = (body instanceof String string) ? string : json.writeValueAsString(body);
		return join(send(HttpRequest.newBuilder(URI.create(this.baseUrl))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(text, StandardCharsets.UTF_8))));
	}

	Answer get(String checkoutId) {
		return join(send(HttpRequest.newBuilder(receipt(checkoutId)).GET()));
	}

	Answer delete(String checkoutId) {
		return join(deleteAsync(checkoutId));
	}

	CompletableFuture<Answer> deleteAsync(String checkoutId) {
		return send(HttpRequest.newBuilder(receipt(checkoutId)).DELETE());
	}

	/**
	 * Gets {@code /receipts} with a query string as given, e.g. {@code ?limit=10}.
	 */
	Answer list(String query) {
		return join(send(HttpRequest.newBuilder(URI.create(this.baseUrl + query)).GET()));
	}

	long count() {
		Answer answer = join(send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/count")).GET()));
		return answer.body().get("count").asLong();
	}

	private URI receipt(String checkoutId) {
		return URI.create(this.baseUrl + "/" + UriUtils.encodePathSegment(checkoutId, StandardCharsets.UTF_8));
	}

	private CompletableFuture<Answer> send(HttpRequest.Builder request) {
		return this.http.sendAsync(authorized(request).build(), BodyHandlers.ofString())
			.thenApply(ReceiptsClient::answer);
	}

	/** A client with every role: the tests using this client are not about access. */
	private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return request.setHeader("Authorization", TestApiKeys.bearer(TestApiKeys.EVERYTHING));
	}

	private static Answer answer(HttpResponse<String> response) {
		boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
		JsonNode body = (response.body().isEmpty() || !isJson) ? null : json.readTree(response.body());
		return new Answer(response.statusCode(), response.headers().firstValue("Location"),
				response.headers().firstValue("Content-Type").orElse(""), body);
	}

	private static Answer join(CompletableFuture<Answer> answer) {
		try {
			return answer.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof IOException io) ? new UncheckedIOException(io) : ex;
		}
	}

	/**
	 * One HTTP answer.
	 *
	 * @param status the status code
	 * @param location the Location header, if any
	 * @param contentType the Content-Type header
	 * @param body the JSON body, {@code null} if empty
	 */
	record Answer(int status, Optional<String> location, String contentType, JsonNode body) {

		String receiptId() {
			return this.body.get("receiptId").asString();
		}

		/**
		 * The {@code cancelled} of a {@code DELETE} answer.
		 */
		boolean cancelled() {
			return this.body.get("cancelled").asBoolean();
		}

		/**
		 * The fields named in a problem's {@code errors}.
		 */
		List<String> errorFields() {
			return this.body.path("errors").valueStream().map((error) -> error.get("field").asString()).toList();
		}

	}

}
