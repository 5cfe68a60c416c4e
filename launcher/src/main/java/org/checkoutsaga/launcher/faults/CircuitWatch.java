package org.checkoutsaga.launcher.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.checkoutsaga.launcher.DevCredentials;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches one of the orchestrator's circuit breakers while a participant is down, to show
 * whether the fault opened it ({@code GET /actuator/circuitbreakers}).
 */
final class CircuitWatch implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(250);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI endpoint;

	private final String name;

	private final Thread watcher;

	private volatile boolean opened;

	private volatile boolean closed;

	/**
	 * Start watching.
	 * @param orchestratorUrl the orchestrator
	 * @param name the circuit breaker, {@code stock} or {@code receipt}
	 */
	CircuitWatch(String orchestratorUrl, String name) {
		this.endpoint = URI.create(orchestratorUrl + "/actuator/circuitbreakers");
		this.name = name;
		this.watcher = new Thread(this::watch, "circuit-watch-" + name);
		this.watcher.setDaemon(true);
		this.watcher.start();
	}

	/**
	 * @return whether the circuit breaker was seen OPEN since the watch started
	 */
	boolean opened() {
		return this.opened;
	}

	private void watch() {
		while (!this.closed && !this.opened) {
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.endpoint)
					.timeout(Duration.ofSeconds(2))
					.header("Authorization", "Bearer " + DevCredentials.TOOLS)
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && "OPEN".equals(this.json.readTree(response.body())
					.path("circuitBreakers")
					.path(this.name)
					.path("state")
					.asString())) {
					this.opened = true;
				}
			}
			catch (IOException | RuntimeException ex) {
				// the orchestrator is busy or restarting: look again
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			ChildProcess.sleep(POLL);
		}
	}

	@Override
	public void close() {
		this.closed = true;
	}

}
