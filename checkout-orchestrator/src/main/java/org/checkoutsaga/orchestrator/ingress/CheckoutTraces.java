package org.checkoutsaga.orchestrator.ingress;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One trace per checkout. When a checkout starts, a {@code checkout.start} span is
 * recorded as a child of the trace its Kafka record carries (a REST submission's, through
 * the {@code traceparent} header), or as the root of a new trace; every saga step then
 * runs in a child span of it ({@link #inTrace}), so the HTTP calls it makes carry the
 * checkout's trace to the stock and receipt services. The contexts are kept in memory
 * while the saga runs here; a saga resumed after a restart starts a new trace.
 */
@Component
public class CheckoutTraces {

	private final Tracer tracer;

	private final Propagator propagator;

	private final Map<String, TraceContext> contexts = new ConcurrentHashMap<>();

	CheckoutTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
	}

	/**
	 * Puts the current trace (the REST request's) into a record's headers, so the
	 * checkout it carries continues that trace. Done by hand rather than by the
	 * template's observation, which asks the cluster for its id and would keep a REST
	 * caller waiting while Kafka is unreachable.
	 * @param record the record about to be sent
	 */
	void inject(ProducerRecord<String, String> record) {
		TraceContext current = this.tracer.currentTraceContext().context();
		if (current != null) {
			this.propagator.inject(current, record.headers(),
					(headers, key, value) -> headers.add(key, value.getBytes(StandardCharsets.UTF_8)));
		}
	}

	/**
	 * Records the start of a checkout in the trace its record carries, if any.
	 * @param checkoutId the checkout
	 * @param record the record it arrived in
	 */
	void started(String checkoutId, ConsumerRecord<?, ?> record) {
		Span.Builder builder = this.propagator.extract(record, CheckoutTraces::header);
		Span span = builder.name("checkout.start").tag("checkout.id", checkoutId).start();
		span.end();
		this.contexts.put(checkoutId, span.context());
	}

	/**
	 * Runs a step of a checkout in a span of the checkout's trace, which ends when the
	 * step does.
	 * @param checkoutId the checkout
	 * @param name the span's name
	 * @param step the step; what it starts inherits the span
	 * @param <T> what the step gives
	 * @return what the step gave
	 */
	public <T> CompletableFuture<T> inTrace(String checkoutId, String name, Supplier<CompletableFuture<T>> step) {
		TraceContext parent = this.contexts.get(checkoutId);
		Span span = ((parent != null) ? this.tracer.spanBuilder().setParent(parent) : this.tracer.spanBuilder())
			.name(name)
			.tag("checkout.id", checkoutId)
			.start();
		CompletableFuture<T> result;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			result = step.get();
		}
		catch (RuntimeException ex) {
			span.error(ex).end();
			throw ex;
		}
		return result.whenComplete((value, failure) -> {
			if (failure != null) {
				span.error(failure);
			}
			span.end();
		});
	}

	/**
	 * Forgets a checkout's trace once it has ended here.
	 * @param checkoutId the checkout
	 */
	public void finished(String checkoutId) {
		this.contexts.remove(checkoutId);
	}

	private static String header(ConsumerRecord<?, ?> record, String key) {
		Header header = record.headers().lastHeader(key);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
