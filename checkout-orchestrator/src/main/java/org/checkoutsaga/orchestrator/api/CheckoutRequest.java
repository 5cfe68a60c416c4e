package org.checkoutsaga.orchestrator.api;

import java.util.List;

import org.checkoutsaga.events.CheckoutItem;

/**
 * The body of {@code POST /checkouts}.
 *
 * @param requestId optional client id; the {@code Idempotency-Key} header does the same
 * @param experimentId optional free text naming a run
 * @param userId the buyer
 * @param items what to buy, each item once
 */
record CheckoutRequest(String requestId, String experimentId, String userId, List<CheckoutItem> items) {
}
