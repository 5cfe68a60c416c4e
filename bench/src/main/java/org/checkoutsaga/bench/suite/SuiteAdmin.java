package org.checkoutsaga.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the benchmark asks of the suite besides checkouts, over its public HTTP APIs: set
 * stock ({@code PUT /stock}), and read a gauge or a meter's tags from the actuator.
 */
public final class SuiteAdmin {

	/** Items per bulk set: the stock service takes at most 1000 by default. */
	private static final int STOCK_BATCH = 500;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final SuiteTarget target;

	public SuiteAdmin(SuiteTarget target) {
		this.target = target;
	}

	/**
	 * Set the stock of every item to one quantity, through {@code PUT /stock}.
	 * @param items the items
	 * @param quantity the units each will have
	 */
	public void setStock(List<String> items, long quantity) {
		for (int from = 0; from < items.size(); from += STOCK_BATCH) {
			Map<String, Long> batch = new LinkedHashMap<>();
			items.subList(from, Math.min(from + STOCK_BATCH, items.size()))
				.forEach((item) -> batch.put(item, quantity));
			String body = this.json.writeValueAsString(Map.of("items", batch));
			HttpResponse<String> response = send(HttpRequest.newBuilder(resolve(this.target.stockUrl(), "/stock"))
				.timeout(TIMEOUT)
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + this.target.apiKey())
				.PUT(HttpRequest.BodyPublishers.ofString(body))
				.build());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(
						"PUT /stock answered " + response.statusCode() + ": " + response.body());
			}
		}
	}

	/**
	 * Wait until the orchestrator drives no saga, so a run does not start while the
	 * previous one still writes. Skipped if the gauge is not there.
	 * @param timeout the longest wait
	 * @return whether the orchestrator was idle in time (or the gauge is missing)
	 */
	public boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			OptionalDouble running = gauge(this.target.orchestratorUrl(), "checkout.sagas.running");
			if (running.isEmpty() || running.getAsDouble() == 0) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/**
	 * The Java version and vendor of a service, from Micrometer's {@code jvm.info}.
	 * @param service the service's base URL
	 * @return e.g. {@code 17.0.13 (Eclipse Adoptium)}, null if not exposed
	 */
	public String jvmOf(URI service) {
		JsonNode meter = get(resolve(service, "/actuator/metrics/jvm.info"));
		if (meter == null) {
			return null;
		}
		Map<String, String> tags = new LinkedHashMap<>();
		for (JsonNode tag : meter.path("availableTags")) {
			tags.put(tag.path("tag").asString(), tag.path("values").path(0).asString());
		}
		return tags.get("version") + " (" + tags.get("vendor") + ")";
	}

	private OptionalDouble gauge(URI service, String name) {
		JsonNode meter = get(resolve(service, "/actuator/metrics/" + name));
		if (meter == null) {
			return OptionalDouble.empty();
		}
		for (JsonNode measurement : meter.path("measurements")) {
			if ("VALUE".equals(measurement.path("statistic").asString())) {
				return OptionalDouble.of(measurement.path("value").asDouble());
			}
		}
		return OptionalDouble.empty();
	}

	private JsonNode get(URI uri) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + this.target.apiKey())
			.build());
		return (response.statusCode() == 200) ? this.json.readTree(response.body()) : null;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static URI resolve(URI base, String path) {
		return URI.create(base.toString().replaceAll("/+$", "") + path);
	}

}
