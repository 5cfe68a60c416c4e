package org.checkoutsaga.orchestrator.participants;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;

/**
 * Calls stock entities. Each operation is its own call for the saga; on the wire, calls
 * that queue up while requests are under way travel together in one
 * {@code POST /stock/operations}.
 */
final class StockClient {

	private final HttpJson http;

	private final URI operations;

	private final BatchingSender<StockCommand, StockReply> sender;

	StockClient(HttpJson http, URI stockUrl, int batchSize, int maxRequestsInFlight) {
		this.http = http;
		this.operations = stockUrl.resolve("/stock/operations");
		this.sender = new BatchingSender<>(batchSize, maxRequestsInFlight, this::post);
	}

	CompletableFuture<StockReply> execute(StockCommand command) {
		return this.sender.send(command);
	}

	private CompletableFuture<List<StockReply>> post(List<StockCommand> commands) {
		byte[] body = this.http.write(commands.toArray(StockCommand[]::new), StockCommand[].class);
		return this.http.exchange("POST", this.operations, body, StockReply[].class).thenApply((replies) -> {
			for (int i = 0; i < Math.min(replies.length, commands.size()); i++) {
				if (!replies[i].operationId().equals(commands.get(i).operationId())) {
					throw new IllegalStateException("Reply " + i + " is for operation " + replies[i].operationId()
							+ ", expected " + commands.get(i).operationId());
				}
			}
			return Arrays.asList(replies);
		});
	}

}
