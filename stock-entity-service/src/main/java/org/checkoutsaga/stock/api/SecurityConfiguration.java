package org.checkoutsaga.stock.api;

import org.checkoutsaga.stock.StockProperties;
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
 * Who may call the stock service: the orchestrator retracts and restores
 * ({@code SERVICE}), the shop's inventory sets and restocks ({@code STOCK_ADMIN}),
 * operators read the ledger ({@code OPERATOR}), and any client may read an item.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	ApiKeys apiKeys(StockProperties properties) {
		return ApiKeys.of("stock.security", properties.security());
	}

	@Bean
	RequestRejectedHandler requestRejected() {
		return ApiSecurity::rejected;
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys) throws Exception {
		return ApiSecurity.chain(http, keys,
				(rules) -> rules.requestMatchers(HttpMethod.POST, "/stock/operations")
					.hasRole(ApiRoles.SERVICE)
					.requestMatchers(HttpMethod.GET, "/stock/ledger")
					.hasRole(ApiRoles.OPERATOR)
					.requestMatchers(HttpMethod.PUT, "/stock", "/stock/*")
					.hasRole(ApiRoles.STOCK_ADMIN)
					.requestMatchers(HttpMethod.POST, "/stock/*/restock")
					.hasRole(ApiRoles.STOCK_ADMIN)
					.requestMatchers(HttpMethod.GET, "/stock/*")
					.authenticated()
					// any other method on these paths: no handler, so MVC answers 405 (or
					// 404)
					.requestMatchers("/stock/**")
					.authenticated());
	}

}
