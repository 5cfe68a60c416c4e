package org.checkoutsaga.receipt;

import org.checkoutsaga.support.security.ApiKeys;
import org.checkoutsaga.support.security.ApiRoles;
import org.checkoutsaga.support.security.ApiSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call the receipt service: the orchestrator stores and cancels receipts
 * ({@code SERVICE}), operators list them ({@code OPERATOR}), and any client may read one.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	ApiKeys apiKeys(ReceiptProperties properties) {
		return ApiKeys.of("receipt.security", properties.security());
	}

	@Bean
	RequestRejectedHandler requestRejected() {
		return ApiSecurity::rejected;
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys) throws Exception {
		return ApiSecurity.chain(http, keys,
				(rules) -> rules.requestMatchers(HttpMethod.GET, "/receipts", "/receipts/count")
					.hasRole(ApiRoles.OPERATOR)
					.requestMatchers(HttpMethod.POST, "/receipts")
					.hasRole(ApiRoles.SERVICE)
					.requestMatchers(HttpMethod.PUT, "/receipts/*")
					.hasRole(ApiRoles.SERVICE)
					.requestMatchers(HttpMethod.DELETE, "/receipts/*")
					.hasRole(ApiRoles.SERVICE)
					.requestMatchers(HttpMethod.GET, "/receipts/*")
					.authenticated()
					// any other method on these paths: no handler, so MVC answers 405 (or
					// 404)
					.requestMatchers("/receipts/**")
					.authenticated());
	}

}
