package org.checkoutsaga.orchestrator.api;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.support.security.ApiKeys;
import org.checkoutsaga.support.security.ApiRoles;
import org.checkoutsaga.support.security.ApiSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call the orchestrator: shops submit checkouts and read them ({@code CHECKOUT});
 * operators list and repair them ({@code OPERATOR}). Each client's submissions are rate
 * limited.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	ApiKeys apiKeys(CheckoutProperties properties) {
		return ApiKeys.of("checkout.security", properties.security());
	}

	@Bean
	RequestRejectedHandler requestRejected() {
		return ApiSecurity::rejected;
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, RateLimiterRegistry rateLimiters)
			throws Exception {
		http.addFilterAfter(new SubmissionRateLimits(rateLimiters), AuthorizationFilter.class);
		return ApiSecurity.chain(http, keys,
				(rules) -> rules.requestMatchers(HttpMethod.POST, "/checkouts")
					.hasRole(ApiRoles.CHECKOUT)
					.requestMatchers(HttpMethod.GET, "/checkouts/*")
					.hasAnyRole(ApiRoles.CHECKOUT, ApiRoles.OPERATOR)
					.requestMatchers(HttpMethod.GET, "/checkouts")
					.hasRole(ApiRoles.OPERATOR)
					// any other method on these paths: no handler, so MVC answers 405 (or
					// 404)
					.requestMatchers("/checkouts/**")
					.authenticated());
	}

}
