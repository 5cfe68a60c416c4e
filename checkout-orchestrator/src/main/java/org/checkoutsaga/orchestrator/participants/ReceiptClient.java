package org.checkoutsaga.orchestrator.participants;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.events.ReceiptRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Stores receipts: {@code PUT /receipts/{checkoutId}}, idempotent on the checkout id,
 * with a bounded number of requests under way; and cancels them: {@code DELETE
 * /receipts/{checkoutId}}, also idempotent, after which no receipt exists for the
 * checkout and a late {@code PUT} is refused.
 */
final class ReceiptClient {

	private final HttpJson http;

	private final URI receiptUrl;

	private final BatchingSender<ReceiptRequest, Receipt> sender;

	ReceiptClient(HttpJson http, URI receiptUrl, int maxRequestsInFlight) {
		this.http = http;
		this.receiptUrl = receiptUrl;
		this.sender = new BatchingSender<>(1, maxRequestsInFlight, this::put);
	}

	CompletableFuture<Receipt> store(ReceiptRequest request) {
		return this.sender.send(request);
	}

	/**
	 * Cancels a checkout's receipt, stored or not.
	 * @param checkoutId the checkout
	 * @return completes with whether a stored receipt was cancelled
	 */
	CompletableFuture<Boolean> cancel(String checkoutId) {
		return this.http.exchange("DELETE", uriOf(checkoutId), new byte[0], Cancellation.class)
			.thenApply(Cancellation::cancelled);
	}

	private CompletableFuture<List<Receipt>> put(List<ReceiptRequest> requests) {
		ReceiptRequest request = requests.get(0);
		return this.http
			.exchange("PUT", uriOf(request.checkoutId()), this.http.write(request, ReceiptRequest.class), Receipt.class)
			.thenApply(List::of);
	}

	private URI uriOf(String checkoutId) {
		return UriComponentsBuilder.fromUri(this.receiptUrl)
			.path("/receipts/{checkoutId}")
			.buildAndExpand(checkoutId)
			.toUri();
	}

	/** The receipt service's answer to a cancellation. */
	record Cancellation(String checkoutId, boolean cancelled) {
	}

}
