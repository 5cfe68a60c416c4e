package org.checkoutsaga.stock.ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the reads of the whole ledger: the audit and its actuator endpoint, and the paged
 * listing.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

	@Bean
	StockAudit stockAudit(JdbcClient jdbcClient) {
		return new StockAudit(jdbcClient);
	}

	@Bean
	StockAuditEndpoint stockAuditEndpoint(StockAudit stockAudit) {
		return new StockAuditEndpoint(stockAudit);
	}

	@Bean
	LedgerListing ledgerListing(JdbcClient jdbcClient) {
		return new LedgerListing(jdbcClient);
	}

}
