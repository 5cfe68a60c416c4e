/**
 * The saga's participants over HTTP: stock operations are coalesced into batched requests
 * to the stock-entity-service, receipts are stored one request each; every request goes
 * through a resilience4j retry (backoff with jitter) and circuit breaker, with no thread
 * parked per call.
 */
package org.checkoutsaga.orchestrator.participants;
