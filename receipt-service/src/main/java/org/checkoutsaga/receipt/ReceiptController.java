package org.checkoutsaga.receipt;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.checkoutsaga.events.Receipt;
import org.checkoutsaga.events.ReceiptReply;
import org.checkoutsaga.events.ReceiptRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
// produces: a client that cannot read JSON gets 406 before anything is stored
@RequestMapping(path = "/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
class ReceiptController {

	private final ReceiptRequestValidator validator;

	private final ReceiptStore store;

	private final ReceiptRepository repository;

	ReceiptController(ReceiptRequestValidator validator, ReceiptStore store, ReceiptRepository repository) {
		this.validator = validator;
		this.store = store;
		this.repository = repository;
	}

	/**
	 * Stores the receipt of a checkout, idempotently: 201 when this call stored it, 200
	 * with the stored receipt on any repeat, 409 if the checkout was cancelled. Answers
	 * once the receipt is durable, without holding a request thread while its group
	 * commits.
	 */
	@PutMapping(path = "/{checkoutId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ResponseEntity<Receipt>> store(@PathVariable String checkoutId, @RequestBody ReceiptForm form) {
		ReceiptRequest request = this.validator.validate(checkoutId, form);
		// Taken now: the request is no longer bound to the thread that completes the
		// future
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUri();
		return this.store.store(request)
			.thenApply((stored) -> stored.created() ? ResponseEntity.created(location).body(stored.receipt())
					: ResponseEntity.ok(stored.receipt()));
	}

	/**
	 * Stores a batch of receipts (each body names its checkout), idempotently per
	 * checkout, all in the same group commits: one reply per receipt, in order,
	 * {@code Stored} (with whether this call created it) or {@code Refused} (the checkout
	 * was cancelled). An invalid batch stores nothing (400); a batch that cannot be made
	 * durable is a 503 and safe to repeat.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<List<ReceiptReply>> storeAll(@RequestBody List<ReceiptForm> forms) {
		List<CompletableFuture<ReceiptReply>> replies = this.validator.validateBatch(forms)
			.stream()
			.map(this::reply)
			.toList();
		return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
			.thenApply((done) -> replies.stream().map(CompletableFuture::join).toList());
	}

	private CompletableFuture<ReceiptReply> reply(ReceiptRequest request) {
		return this.store.store(request)
			.<ReceiptReply>thenApply((stored) -> new ReceiptReply.Stored(stored.receipt(), stored.created()))
			.exceptionallyCompose((failure) -> {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				return (cause instanceof ReceiptCancelledException)
						? CompletableFuture.completedFuture(new ReceiptReply.Refused(request.checkoutId()))
						: CompletableFuture.failedFuture(cause);
			});
	}

	/**
	 * Cancels the receipt of a checkout, or records a tombstone so that none can be
	 * stored, idempotently: 200 with the same answer on every repeat, once it is durable.
	 */
	@DeleteMapping("/{checkoutId}")
	CompletableFuture<Cancellation> cancel(@PathVariable String checkoutId) {
		return this.store.cancel(this.validator.validateCancel(checkoutId));
	}

	/**
	 * The live receipt of a checkout; 404 if it has none, also if it was cancelled.
	 */
	@GetMapping("/{checkoutId}")
	Receipt find(@PathVariable String checkoutId) {
		ReceiptState state = this.repository.findState(checkoutId);
		return state.live().orElseThrow(() -> new ReceiptNotFoundException(checkoutId, state.isCancelled()));
	}

	/**
	 * One page of live receipts in checkout id order, for cross-service checks.
	 */
	@GetMapping
	ReceiptPage list(@RequestParam(required = false) String after, @RequestParam(required = false) String limit) {
		ReceiptRequestValidator.Listing listing = this.validator.validateListing(after, limit);
		return this.repository.page(listing.after(), listing.limit());
	}

	@GetMapping("/count")
	ReceiptCount count() {
		return new ReceiptCount(this.repository.count());
	}

	/**
	 * How many live receipts are stored, for invariant checks (one receipt per completed
	 * checkout); cancelled receipts do not count.
	 *
	 * @param count the number of live receipts
	 */
	record ReceiptCount(long count) {
	}

}
