package org.checkoutsaga.orchestrator;

import org.checkoutsaga.support.CommonPool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The checkout orchestrator: one durable saga per checkout.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CheckoutOrchestratorApplication {

	/** The service's name, also the name of its configuration file. */
	public static final String NAME = "checkout-orchestrator";

	/**
	 * A builder for this service. Its configuration file is
	 * {@code checkout-orchestrator.yml}, so that the three services can share one class
	 * path (the local launcher, the end-to-end tests).
	 * @return a builder with the service's configuration name set
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(CheckoutOrchestratorApplication.class)
			.properties("spring.config.name=" + NAME);
	}

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		builder().run(args);
	}

}
