package org.checkoutsaga.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.checkoutsaga.support.testing.TestApiKeys;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Real HTTP to an orchestrator started by a test, and reading what it answers. */
final class OrchestratorHttp {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final @Nullable String apiKey;

	/**
	 * A client with every role ({@link TestApiKeys#EVERYTHING}), for tests about
	 * something other than access.
	 */
	OrchestratorHttp(int port) {
		this(port, TestApiKeys.EVERYTHING);
	}

	/**
	 * @param apiKey the key sent with every request, {@code null} for none
	 */
	OrchestratorHttp(int port, @Nullable String apiKey) {
		this.port = port;
		this.apiKey = apiKey;
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
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

	/** The types of a checkout's history events, in order. */
	static List<String> eventTypes(JsonNode checkout) {
		List<String> types = new ArrayList<>();
		checkout.get("history").forEach((entry) -> types.add(entry.get("event").get("type").asString()));
		return types;
	}

}
