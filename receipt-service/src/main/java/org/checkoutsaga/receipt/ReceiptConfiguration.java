package org.checkoutsaga.receipt;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutsaga.support.BodySizeLimitFilter;
import org.checkoutsaga.support.GroupCommitter;
import org.checkoutsaga.support.SealedTypesModule;
import org.checkoutsaga.support.StrictJson;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The receipt service's beans, and how request bodies are read: at most
 * {@code receipt.max-body-size} bytes (413 beyond, before parsing), no unknown fields, no
 * value of the wrong JSON type, no repeated key (400 naming the field, see
 * {@link StrictJson}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReceiptProperties.class)
class ReceiptConfiguration implements WebMvcConfigurer {

	private final ObjectProvider<JsonMapper> json;

	ReceiptConfiguration(ObjectProvider<JsonMapper> json) {
		this.json = json;
	}

	/**
	 * Runs after Spring Boot's configurer (order 0), so this JSON converter replaces the
	 * one Boot configured.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.withJsonConverter(StrictJson.requestBodyConverter(this.json.getObject()));
	}

	@Bean
	BodySizeLimitFilter bodySizeLimitFilter(ReceiptProperties properties) {
		return new BodySizeLimitFilter(properties.maxBodySize());
	}

	@Bean
	JacksonModule sealedTypes() {
		return SealedTypesModule.commonEvents();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(destroyMethod = "close")
	GroupCommitter<ReceiptWrite<?>> receiptCommitter(DataSource dataSource, ReceiptRepository repository,
			ReceiptProperties properties, MeterRegistry meterRegistry) {
		return new GroupCommitter<>("receipts", dataSource, new ReceiptWriter(repository),
				properties.groupCommit().toSettings(), meterRegistry);
	}

}
