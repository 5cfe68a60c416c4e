package org.checkoutsaga.stock;

import org.checkoutsaga.support.CommonPool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The stock entity service: every stock item is a virtual entity {@code stock/<itemId>}
 * that handles its operations one at a time and records each of them durably.
 */
@SpringBootApplication
@EnableConfigurationProperties(StockProperties.class)
public class StockEntityServiceApplication {

	/** The service's name, also the name of its configuration file. */
	public static final String NAME = "stock-entity-service";

	/**
	 * A builder reading {@code stock-entity-service.yml}, so that several services can
	 * run side by side in one JVM.
	 * @return the builder
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(StockEntityServiceApplication.class)
			.properties("spring.config.name=" + NAME);
	}

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		builder().run(args);
	}

}
