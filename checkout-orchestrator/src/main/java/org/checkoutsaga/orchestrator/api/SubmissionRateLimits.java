package org.checkoutsaga.orchestrator.api;

import java.io.IOException;
import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.checkoutsaga.support.security.ApiSecurity;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits how fast each API client may submit checkouts ({@code POST /checkouts}), with a
 * resilience4j rate limiter per client: {@code checkouts-<client>}, configured like any
 * other ({@code resilience4j.ratelimiter.configs.checkouts} for all clients,
 * {@code resilience4j.ratelimiter.instances.checkouts-<client>} for one). A submission
 * over the limit gets 429 with {@code Retry-After} and is not looked at further.
 */
final class SubmissionRateLimits extends OncePerRequestFilter {

	/** The configuration every client's limiter starts from. */
	static final String CONFIG = "checkouts";

	private final RateLimiterRegistry rateLimiters;

	SubmissionRateLimits(RateLimiterRegistry rateLimiters) {
		this.rateLimiters = rateLimiters;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/checkouts".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication client = SecurityContextHolder.getContext().getAuthentication();
		RateLimiter limiter = this.rateLimiters.rateLimiter(CONFIG + "-" + client.getName(), CONFIG);
		if (limiter.acquirePermission()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (retryAfter(limiter).toNanos() + 999_999_999) / 1_000_000_000);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		ApiSecurity.write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many checkouts",
				"API client '" + client.getName() + "' may submit " + limiter.getRateLimiterConfig().getLimitForPeriod()
						+ " checkouts per " + limiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis()
						+ " ms; nothing was submitted, try again after " + seconds + " s",
				request);
	}

	private static Duration retryAfter(RateLimiter limiter) {
		if (limiter instanceof AtomicRateLimiter atomic) {
			return Duration.ofNanos(Math.max(0, atomic.getDetailedMetrics().getNanosToWait()));
		}
		return limiter.getRateLimiterConfig().getLimitRefreshPeriod();
	}

}
