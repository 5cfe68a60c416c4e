package org.checkoutsaga.stock.api;

import org.checkoutsaga.stock.StockProperties;
import org.checkoutsaga.support.BodySizeLimitFilter;
import org.checkoutsaga.support.SealedTypesModule;
import org.checkoutsaga.support.StrictJson;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Maps the sealed stock commands and replies to JSON with a {@code "type"} property, and
 * reads request bodies strictly: at most {@code stock.max-body-size} bytes (413 beyond,
 * before parsing), no unknown fields, no value of the wrong JSON type, no repeated key
 * (400 naming the field, see {@link StrictJson}).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration implements WebMvcConfigurer {

	private final ObjectProvider<JsonMapper> json;

	JsonConfiguration(ObjectProvider<JsonMapper> json) {
		this.json = json;
	}

	@Bean
	JacksonModule sealedTypes() {
		return SealedTypesModule.commonEvents();
	}

	@Bean
	BodySizeLimitFilter bodySizeLimitFilter(StockProperties properties) {
		return new BodySizeLimitFilter(properties.maxBodySize());
	}

	/**
	 * Runs after Spring Boot's configurer (order 0), so this JSON converter replaces the
	 * one Boot configured.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.withJsonConverter(StrictJson.requestBodyConverter(this.json.getObject()));
	}

}
