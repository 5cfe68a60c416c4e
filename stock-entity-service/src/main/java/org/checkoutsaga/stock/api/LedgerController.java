package org.checkoutsaga.stock.api;

import org.checkoutsaga.stock.ledger.LedgerListing;
import org.checkoutsaga.stock.ledger.LedgerPage;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger in pages over HTTP, for checkers outside the service. Read from the
 * database, not from the entities.
 */
@RestController
@RequestMapping("/stock")
class LedgerController {

	private final LedgerListing listing;

	private final StockRequestValidator validator;

	LedgerController(LedgerListing listing, StockRequestValidator validator) {
		this.listing = listing;
		this.validator = validator;
	}

	/**
	 * The ledger's entries after an operation id, by operation id, then kind.
	 * @param after the {@code next} of the previous page; absent for the first page
	 * @param limit the most entries per page, 1 to 1000, 500 by default; a page holds
	 * more only when one operation id alone has more entries
	 * @return the page
	 */
	@GetMapping("/ledger")
	LedgerPage ledger(@RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String limit) {
		int rows = this.validator.checkLedgerPage(after, limit);
		return this.listing.page(after, rows);
	}

}
