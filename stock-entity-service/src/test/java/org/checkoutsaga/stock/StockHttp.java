package org.checkoutsaga.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.support.testing.TestApiKeys;

import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Real HTTP to a stock service started by a test. Every request of the stock service's
 * tests goes through here, either through {@link #client()} (fluent expectations) or
 * {@link #send} / {@link #sendAsync} (any bytes, chunked bodies, many at once), so
 * anything all of them need (an authentication header, say) is added in one place.
 */
public final class StockHttp {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	public StockHttp(int port) {
		this.port = port;
	}

	/**
	 * A client for fluent requests and expectations against the service.
	 * @return the client
	 */
	public RestTestClient client() {
		// a client with every role: the tests using this client are not about access
		return RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader("Authorization", TestApiKeys.bearer(TestApiKeys.EVERYTHING))
			.build();
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Sends any bytes.
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

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(prepare(request), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
		return http.sendAsync(prepare(request), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest prepare(HttpRequest.Builder request) {
		return request.timeout(Duration.ofSeconds(30))
			.setHeader("Authorization", TestApiKeys.bearer(TestApiKeys.EVERYTHING))
			.build();
	}

}
