package org.checkoutsaga.receipt;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutsaga.support.GroupCommitter;
import org.checkoutsaga.support.SealedTypesModule;
import tools.jackson.databind.JacksonModule;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReceiptProperties.class)
class ReceiptConfiguration {

	@Bean
	JacksonModule sealedTypes() {
		return SealedTypesModule.commonEvents();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(destroyMethod = "close")
	GroupCommitter<ReceiptWrite<?>> receiptCommitter(DataSource dataSource, ReceiptRepository repository,
			ReceiptProperties properties, MeterRegistry meterRegistry) {
		return new GroupCommitter<>("receipts", dataSource, new ReceiptWriter(repository),
				properties.groupCommit().toSettings(), meterRegistry);
	}

}
