package org.checkoutsaga.orchestrator.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.support.BodySizeLimitFilter;
import org.checkoutsaga.support.StrictJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How request bodies are read: at most {@code checkout.limits.max-body-size} bytes (a 413
 * problem otherwise, before any parsing), and strictly, so that an unknown field, a value
 * of the wrong JSON type or a repeated key is a 400 problem naming it (see
 * {@link StrictJson}). Only the controllers' JSON converter is strict; the service's own
 * mapper, which reads Kafka records and the participants' answers, is not changed.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

	private final JsonMapper json;

	ApiConfiguration(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Runs after Spring Boot's configurer (order 0), so this JSON converter replaces the
	 * one Boot configured.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.withJsonConverter(StrictJson.requestBodyConverter(this.json));
	}

	/**
	 * Where the answer to a submission is put together (the checkout read from the
	 * database) once its start or outcome is reached. Those waits are completed by the
	 * Kafka listener and the producer's I/O thread, which must not do that reading: a
	 * listener answering each submission of its batch in turn held up the batch (about
	 * 290 ms per batch of 11 in the benchmark, capping REST ingress at 60-100/s).
	 * @return a small pool; each answer is one or two short queries
	 */
	@Bean(destroyMethod = "shutdown")
	ExecutorService checkoutAnswers() {
		return Executors.newFixedThreadPool(4, new CustomizableThreadFactory("checkout-answers-"));
	}

	@Bean
	BodySizeLimitFilter bodySizeLimitFilter(CheckoutProperties properties) {
		return new BodySizeLimitFilter(properties.limits().maxBodySize());
	}

}
