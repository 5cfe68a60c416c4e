package org.checkoutsaga.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Calls a service over real HTTP as a given API client, or as no one, for tests of who
 * may do what.
 */
public final class ApiProbe {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	/**
	 * @param port the service's port on 127.0.0.1
	 */
	public ApiProbe(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/**
	 * Sends a request.
	 * @param key the API key to send, {@code null} for none
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param json a JSON body, {@code null} for none
	 * @return the answer
	 */
	public HttpResponse<String> call(@Nullable String key, String method, String path, @Nullable String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (key != null) {
			request.header("Authorization", TestApiKeys.bearer(key));
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
	 * The status of a request.
	 * @param key the API key to send, {@code null} for none
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param json a JSON body, {@code null} for none
	 * @return the status code
	 */
	public int status(@Nullable String key, String method, String path, @Nullable String json) {
		return call(key, method, path, json).statusCode();
	}

}
