package org.checkoutsaga.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.checkoutsaga.support.testing.TestApiKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriUtils;

/**
 * Talks to a running receipt service over real HTTP.
 */
final class ReceiptsClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	ReceiptsClient(int port) {
		this.baseUrl = "http://localhost:" + port + "/receipts";
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
		// a client with every role: the tests using this client are not about access
		request.header("Authorization", TestApiKeys.bearer(TestApiKeys.EVERYTHING));
		return this.http.sendAsync(request.build(), BodyHandlers.ofString()).thenApply(ReceiptsClient::answer);
	}

	private static Answer answer(HttpResponse<String> response) {
		JsonNode body = response.body().isEmpty() ? null : json.readTree(response.body());
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
