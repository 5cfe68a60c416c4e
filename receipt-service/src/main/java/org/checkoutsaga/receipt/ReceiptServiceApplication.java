package org.checkoutsaga.receipt;

import org.checkoutsaga.support.CommonPool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The receipt service: stores one receipt per completed checkout, the end of the checkout
 * saga.
 */
@SpringBootApplication
public class ReceiptServiceApplication {

	/** The service's name, also the name of its configuration file. */
	public static final String NAME = "receipt-service";

	/**
	 * A builder for the service's context, reading {@code receipt-service.yml} so that it
	 * can run in one JVM beside the other services.
	 * @return a builder to add properties to and run
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(ReceiptServiceApplication.class).properties("spring.config.name=" + NAME);
	}

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		builder().run(args);
	}

}
