package org.checkoutsaga.orchestrator.participants;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.events.ReceiptRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Stores receipts: {@code PUT /receipts/{checkoutId}}, idempotent on the checkout id,
 * with a bounded number of requests under way.
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

	private CompletableFuture<List<Receipt>> put(List<ReceiptRequest> requests) {
		ReceiptRequest request = requests.get(0);
		URI uri = UriComponentsBuilder.fromUri(this.receiptUrl)
			.path("/receipts/{checkoutId}")
			.buildAndExpand(request.checkoutId())
			.toUri();
		return this.http.exchange("PUT", uri, this.http.write(request, ReceiptRequest.class), Receipt.class)
			.thenApply(List::of);
	}

}
