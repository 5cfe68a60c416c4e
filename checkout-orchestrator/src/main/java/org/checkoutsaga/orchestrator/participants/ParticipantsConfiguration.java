package org.checkoutsaga.orchestrator.participants;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.java11.instrument.binder.jdk.MicrometerHttpClient;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.orchestrator.engine.ActionExecutor;
import org.checkoutsaga.orchestrator.ingress.CheckoutTraces;
import org.checkoutsaga.orchestrator.saga.SagaAction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the HTTP clients of the stock and receipt services. The resilience4j instances
 * {@code stock} and {@code receipt} are configured under {@code resilience4j.*}.
 */
@Configuration(proxyBeanMethods = false)
class ParticipantsConfiguration {

	@Bean
	ActionExecutor<SagaAction, SagaEvent> checkoutActions(CheckoutProperties properties, JsonMapper json,
			CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, ScheduledExecutorService sagaScheduler,
			MeterRegistry meters, ObjectProvider<ObservationRegistry> observations, CheckoutTraces traces) {
		CheckoutProperties.Calls calls = properties.calls();
		HttpClient plain = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		// http.client.requests per participant endpoint, and trace context on every call
		HttpClient http = MicrometerHttpClient.instrumentationBuilder(plain, meters)
			.observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
			.uriMapper(ParticipantsConfiguration::uriTemplate)
			.build();
		HttpJson stockHttp = new HttpJson(http, json, calls.timeout(), circuitBreakers.circuitBreaker("stock"),
				retries.retry("stock"), sagaScheduler, calls.apiKey());
		HttpJson receiptHttp = new HttpJson(http, json, calls.timeout(), circuitBreakers.circuitBreaker("receipt"),
				retries.retry("receipt"), sagaScheduler, calls.apiKey());
		return new CheckoutActions(
				new StockClient(stockHttp, properties.stockUrl(), calls.stockBatchSize(), calls.maxRequestsInFlight()),
				new ReceiptClient(receiptHttp, properties.receiptUrl(), calls.receiptBatchSize(),
						calls.maxReceiptRequestsInFlight()),
				meters, traces);
	}

	/** The {@code uri} tag: the path with the checkout id taken out. */
	static String uriTemplate(HttpRequest request) {
		String path = request.uri().getPath();
		return path.startsWith("/receipts/") ? "/receipts/{checkoutId}" : path;
	}

}
