package org.checkoutsaga.orchestrator.ingress;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.SagaEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * How the REST API submits a checkout: it publishes the same record a Kafka producer
 * would, keyed by checkout id, so that both paths start sagas in one place.
 */
@Component
public class CheckoutSubmissions {

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final CheckoutTraces traces;

	CheckoutSubmissions(KafkaTemplate<String, String> kafka, JsonMapper json, CheckoutTraces traces) {
		this.kafka = kafka;
		this.json = json;
		this.traces = traces;
	}

	/**
	 * @param checkoutId the checkout's id, the record's key
	 * @param event the validated checkout
	 * @return completes when the broker has the record, or exceptionally if it cannot be
	 * handed over
	 */
	public CompletableFuture<Void> submit(String checkoutId, CheckoutEvent event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(CheckoutEvent.TOPIC, checkoutId,
				this.json.writeValueAsString(event));
		record.headers()
			.add(CheckoutEventListener.SOURCE_HEADER, SagaEvent.Source.REST.name().getBytes(StandardCharsets.UTF_8));
		this.traces.inject(record);
		try {
			return this.kafka.send(record).thenApply((result) -> null);
		}
		catch (RuntimeException ex) {
			// the producer fails synchronously when it cannot even reach the cluster
			// (after max.block.ms); report it like any other failed send
			return CompletableFuture.failedFuture(ex);
		}
	}

}
