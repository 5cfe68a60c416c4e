package org.checkoutsaga.stock.api;

import org.checkoutsaga.support.SealedTypesModule;
import tools.jackson.databind.JacksonModule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Maps the sealed stock commands and replies to JSON with a {@code "type"} property.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JacksonModule sealedTypes() {
		return SealedTypesModule.commonEvents();
	}

}
