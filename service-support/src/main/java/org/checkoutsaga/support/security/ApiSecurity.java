package org.checkoutsaga.support.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.checkoutsaga.support.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * The security every service shares: clients authenticate with an API key sent as
 * {@code Authorization: Bearer <key>}; health and info are open to all; every other
 * actuator endpoint needs {@link ApiRoles#OPERATOR}; the service names who may call each
 * of its own endpoints; anything outside its paths is refused (its rules let any
 * authenticated client reach an unsupported method of its own paths, to get the 405). No
 * sessions, no cookies, so no CSRF. Refusals are RFC 9457 problems: 401 without a (known)
 * key, 403 without the role.
 */
public final class ApiSecurity {

	/** Where the problem types of refused requests live. */
	private static final String PROBLEM_TYPE_PREFIX = "tag:checkoutsaga.org,2026:problems/";

	private static final String BEARER = "Bearer ";

	private ApiSecurity() {
	}

	/**
	 * The filter chain of a service.
	 * @param http the builder Spring Security gives the service's
	 * {@code SecurityFilterChain} bean; the service may add its own filters before
	 * @param keys the service's API clients
	 * @param serviceRules who may call the service's own endpoints
	 * @return the chain
	 * @throws Exception as {@link HttpSecurity#build()}
	 */
	public static SecurityFilterChain chain(HttpSecurity http, ApiKeys keys,
			Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> serviceRules)
			throws Exception {
		AuthenticationFilter authentication = new AuthenticationFilter(new ProviderManager(keys),
				ApiSecurity::presentedKey);
		authentication.setSuccessHandler((request, response, result) -> {
		});
		authentication.setFailureHandler(ApiSecurity::unauthenticated);
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(ApiSecurity::unauthenticated)
				.accessDeniedHandler(ApiSecurity::forbidden))
			.addFilterBefore(authentication, BasicAuthenticationFilter.class)
			.authorizeHttpRequests((rules) -> {
				// an async or error dispatch continues a request already authorized
				rules.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
				rules.requestMatchers(EndpointRequest.to("health", "info")).permitAll();
				rules.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ApiRoles.OPERATOR);
				serviceRules.customize(rules);
				rules.anyRequest().denyAll();
			});
		return http.build();
	}

	/**
	 * Answers a request Spring Security's firewall refuses (an encoded line feed, a
	 * {@code %25} or a {@code ;} in the path, say) with a 400 problem, like every other
	 * refusal, rather than the servlet container's error page. A service declares it as
	 * its {@code RequestRejectedHandler} bean.
	 * @param request the request refused
	 * @param response its response
	 * @param rejected why the firewall refused it
	 * @throws IOException if the response cannot be written
	 */
	public static void rejected(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException rejected) throws IOException {
		write(response, HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
				"The request's URL or headers are not accepted: " + rejected.getMessage(), request);
	}

	private static @Nullable ApiKeyAuthentication presentedKey(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String key = header.substring(BEARER.length()).trim();
		if (key.isEmpty()) {
			throw new BadCredentialsException("Empty API key");
		}
		return ApiKeyAuthentication.presented(key);
	}

	private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		boolean keySent = failure instanceof BadCredentialsException;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, keySent ? "Bearer error=\"invalid_token\"" : "Bearer");
		if (keySent) {
			write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Invalid API key",
					"The API key sent is not known to this service", request);
		}
		else {
			write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
					"Send an API key as 'Authorization: Bearer <key>'", request);
		}
	}

	private static void forbidden(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException denied) throws IOException {
		String client = SecurityContextHolder.getContext().getAuthentication().getName();
		write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"API client '" + client + "' may not " + request.getMethod() + " " + request.getRequestURI(), request);
	}

	/**
	 * Writes a problem as the response, for refusals made before a controller is reached.
	 * @param response the response, not yet committed
	 * @param status the status
	 * @param type the last part of the problem's type URI, e.g. {@code forbidden}
	 * @param title the problem's title
	 * @param detail what happened
	 * @param request the request refused
	 * @throws IOException if the response cannot be written
	 */
	public static void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail,
			HttpServletRequest request) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(PROBLEM_TYPE_PREFIX + type));
		problem.setTitle(title);
		problem.setInstance(URI.create(request.getRequestURI()));
		Problems.write(response, problem);
	}

}
