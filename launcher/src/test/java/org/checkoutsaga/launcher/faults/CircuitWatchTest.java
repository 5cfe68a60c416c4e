package org.checkoutsaga.launcher.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch on an orchestrator circuit breaker sees it open, and only that one.
 */
class CircuitWatchTest {

	private final AtomicReference<String> stockState = new AtomicReference<>("CLOSED");

	private HttpServer orchestrator;

	@BeforeEach
	void startFakeOrchestrator() throws IOException {
		this.orchestrator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.orchestrator.createContext("/actuator/circuitbreakers", (exchange) -> {
			byte[] body = ("{\"circuitBreakers\":{\"receipt\":{\"state\":\"CLOSED\"},\"stock\":{\"state\":\""
					+ this.stockState.get() + "\"}}}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.orchestrator.start();
	}

	@AfterEach
	void stopFakeOrchestrator() {
		this.orchestrator.stop(0);
	}

	@Test
	void seesTheCircuitBreakerOpen() {
		try (CircuitWatch stock = new CircuitWatch(url(), "stock");
				CircuitWatch receipt = new CircuitWatch(url(), "receipt")) {
			assertThat(stock.opened()).isFalse();

			this.stockState.set("OPEN");

			await().atMost(Duration.ofSeconds(5)).until(stock::opened);
			this.stockState.set("HALF_OPEN");
			assertThat(stock.opened()).as("once seen open, it stays seen").isTrue();
			assertThat(receipt.opened()).isFalse();
		}
	}

	private String url() {
		return "http://127.0.0.1:" + this.orchestrator.getAddress().getPort();
	}

}
