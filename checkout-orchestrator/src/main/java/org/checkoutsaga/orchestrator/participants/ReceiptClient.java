package org.checkoutsaga.orchestrator.participants;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.events.ReceiptReply;
import org.checkoutsaga.events.ReceiptRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Stores receipts in batches: {@code POST /receipts}, idempotent per checkout, with a
 * bounded number of requests under way (receipts queued meanwhile travel together in the
 * next request); and cancels them: {@code DELETE /receipts/{checkoutId}}, also
 * idempotent, after which no receipt exists for the checkout and a late store is refused.
 */
final class ReceiptClient {

	private final HttpJson http;

	private final URI receiptUrl;

	private final URI receipts;

	private final BatchingSender<ReceiptRequest, ReceiptReply> sender;

	ReceiptClient(HttpJson http, URI receiptUrl, int batchSize, int maxRequestsInFlight) {
		this.http = http;
		this.receiptUrl = receiptUrl;
		this.receipts = UriComponentsBuilder.fromUri(receiptUrl).path("/receipts").build().toUri();
		this.sender = new BatchingSender<>(batchSize, maxRequestsInFlight, this::post);
	}

	/**
	 * Stores a checkout's receipt.
	 * @param request the receipt
	 * @return completes with the stored receipt, or fails with a
	 * {@link CallFailedException} (409) if the checkout's receipt was cancelled
	 */
	CompletableFuture<Receipt> store(ReceiptRequest request) {
		return this.sender.send(request).thenApply((reply) -> {
			if (reply instanceof ReceiptReply.Stored stored) {
				return stored.receipt();
			}
			throw new CallFailedException("POST " + this.receipts, 409,
					"the receipt of checkout " + reply.checkoutId() + " was cancelled");
		});
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

	private CompletableFuture<List<ReceiptReply>> post(List<ReceiptRequest> requests) {
		return this.http.exchange("POST", this.receipts,
				this.http.write(requests.toArray(ReceiptRequest[]::new), ReceiptRequest[].class), ReceiptReply[].class)
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
