package org.checkoutsaga.stock.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.stock.entity.ItemState;
import org.checkoutsaga.stock.entity.StockEntities;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stock entities over HTTP. Every answer is sent once what it reports is durable; the
 * handlers return futures, so no servlet thread waits for a group commit.
 */
@RestController
// produces: a client that cannot read JSON gets 406 before anything is applied
@RequestMapping(path = "/stock", produces = MediaType.APPLICATION_JSON_VALUE)
class StockController {

	private final StockEntities entities;

	private final StockRequestValidator validator;

	StockController(StockEntities entities, StockRequestValidator validator) {
		this.entities = entities;
		this.validator = validator;
	}

	/**
	 * Retracts and restores stock, in parallel across items and in array order per item.
	 * @param commands the operations, each with its operation id
	 * @return the replies in the order of the operations
	 */
	@PostMapping(path = "/operations", consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<List<StockReply>> perform(@RequestBody List<StockCommand> commands) {
		this.validator.checkOperations(commands);
		return this.entities.perform(commands);
	}

	@PutMapping(path = "/{itemId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ItemState> set(@PathVariable String itemId, @RequestBody QuantityRequest request) {
		this.validator.checkItemId(itemId);
		this.validator.checkStock(request.quantity());
		return this.entities.set(itemId, request.quantity());
	}

	@PostMapping(path = "/{itemId}/restock", consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ItemState> restock(@PathVariable String itemId, @RequestBody QuantityRequest request) {
		this.validator.checkItemId(itemId);
		this.validator.checkRestock(request.quantity());
		return this.entities.restock(itemId, request.quantity())
			.thenApply((state) -> state.orElseThrow(() -> new ItemNotFoundException(itemId)));
	}

	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<BulkSetResponse> setAll(@RequestBody BulkSetRequest request) {
		this.validator.checkBulk(request.items());
		return this.entities.setAll(request.items()).thenApply(BulkSetResponse::new);
	}

	@GetMapping("/{itemId}")
	CompletableFuture<ItemState> get(@PathVariable String itemId) {
		this.validator.checkItemId(itemId);
		return this.entities.find(itemId)
			.thenApply((state) -> state.orElseThrow(() -> new ItemNotFoundException(itemId)));
	}

	/**
	 * The body of a set or restock.
	 *
	 * @param quantity the units
	 */
	record QuantityRequest(Long quantity) {
	}

	/**
	 * The body of a bulk set.
	 *
	 * @param items stock by item id
	 */
	record BulkSetRequest(Map<String, Long> items) {
	}

	/**
	 * The answer to a bulk set.
	 *
	 * @param updated how many items were set
	 */
	record BulkSetResponse(int updated) {
	}

}
