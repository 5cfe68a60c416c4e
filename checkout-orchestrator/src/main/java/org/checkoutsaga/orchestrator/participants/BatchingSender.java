package org.checkoutsaga.orchestrator.participants;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends single calls as batched requests, with at most {@code maxInFlight} requests under
 * way: when a slot is free a call goes out at once (alone if nothing else is queued), and
 * calls that arrive while every slot is busy are sent together when one frees up (natural
 * batching, no linger). Each caller gets its own reply.
 *
 * @param <Q> a single call
 * @param <R> its reply
 */
final class BatchingSender<Q, R> {

	private final int maxBatch;

	private final int maxInFlight;

	private final Function<List<Q>, CompletableFuture<List<R>>> transport;

	private final Queue<Pending<Q, R>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * @param maxBatch the most calls per request
	 * @param maxInFlight the most requests under way at once
	 * @param transport sends one request; completes with one reply per call, in order
	 */
	BatchingSender(int maxBatch, int maxInFlight, Function<List<Q>, CompletableFuture<List<R>>> transport) {
		this.maxBatch = maxBatch;
		this.maxInFlight = maxInFlight;
		this.transport = transport;
	}

	CompletableFuture<R> send(Q call) {
		Pending<Q, R> pending = new Pending<>(call, new CompletableFuture<>());
		this.queue.add(pending);
		drain();
		return pending.reply();
	}

	private void drain() {
		while (!this.queue.isEmpty()) {
			int current = this.inFlight.get();
			if (current >= this.maxInFlight) {
				// a request under way drains again when it completes
				return;
			}
			if (!this.inFlight.compareAndSet(current, current + 1)) {
				continue;
			}
			List<Pending<Q, R>> batch = new ArrayList<>();
			Pending<Q, R> next;
			while (batch.size() < this.maxBatch && (next = this.queue.poll()) != null) {
				batch.add(next);
			}
			if (batch.isEmpty()) {
				this.inFlight.decrementAndGet();
				continue;
			}
			request(batch);
		}
	}

	private void request(List<Pending<Q, R>> batch) {
		List<Q> calls = new ArrayList<>(batch.size());
		batch.forEach((pending) -> calls.add(pending.call()));
		CompletableFuture<List<R>> response;
		try {
			response = this.transport.apply(calls);
		}
		catch (RuntimeException ex) {
			response = CompletableFuture.failedFuture(ex);
		}
		response.whenComplete((replies, failure) -> {
			this.inFlight.decrementAndGet();
			complete(batch, replies, failure);
			drain();
		});
	}

	private void complete(List<Pending<Q, R>> batch, List<R> replies, Throwable failure) {
		if (failure == null && replies.size() != batch.size()) {
			failure = new IllegalStateException("Expected " + batch.size() + " replies, got " + replies.size());
		}
		for (int i = 0; i < batch.size(); i++) {
			if (failure != null) {
				batch.get(i).reply().completeExceptionally(failure);
			}
			else {
				batch.get(i).reply().complete(replies.get(i));
			}
		}
	}

	private record Pending<Q, R>(Q call, CompletableFuture<R> reply) {
	}

}
