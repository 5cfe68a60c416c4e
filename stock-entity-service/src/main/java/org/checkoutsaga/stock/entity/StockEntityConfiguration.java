package org.checkoutsaga.stock.entity;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutsaga.stock.StockProperties;
import org.checkoutsaga.support.GroupCommitter;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the entities: the store they load from, the group committer they write through
 * and the worker pool that drains their mailboxes. On shutdown the workers stop first,
 * then the committer writes what is queued.
 */
@Configuration(proxyBeanMethods = false)
class StockEntityConfiguration {

	@Bean(destroyMethod = "close")
	@DependsOnDatabaseInitialization
	GroupCommitter<ItemWrite> stockCommitter(DataSource dataSource, StockProperties properties,
			MeterRegistry meterRegistry) {
		return new GroupCommitter<>("stock", dataSource, new StockWriter(Clock.systemUTC()),
				properties.groupCommit().toSettings(), meterRegistry);
	}

	@Bean(destroyMethod = "close")
	StockEntities stockEntities(JdbcClient jdbcClient, GroupCommitter<ItemWrite> stockCommitter,
			StockProperties properties, MeterRegistry meterRegistry) {
		return new StockEntities(new StockStore(jdbcClient), stockCommitter, new StockMetrics(meterRegistry),
				properties.mailbox().workers(), properties.mailbox().throughput());
	}

}
