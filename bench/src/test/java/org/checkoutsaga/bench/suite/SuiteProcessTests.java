package org.checkoutsaga.bench.suite;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SuiteProcessTests {

	/** The launcher's banner as the suite printed it, after its log lines. */
	private static final String STARTED = """
			2026-12-08T00:27:54.780Z  INFO 5030 --- [           main] org.checkoutsaga.launcher.LocalSuite     : Local suite started in 35011 ms (data in /tmp/suite-probe-1lPC/data)

			------------------------------------------------------------------------------
			 checkout-saga suite is running (Ctrl-C stops it)

			  orchestrator  http://127.0.0.1:8080   POST /checkouts, GET /checkouts/{id}
			  stock         http://127.0.0.1:8081   GET /stock/{itemId}
			  receipts      http://127.0.0.1:8082   GET /receipts/{checkoutId}
			  kafka         127.0.0.1:9092    topics checkout-events, checkout-results
			  data          /tmp/suite-probe-1lPC/data
			  actuator      http://127.0.0.1:8080/actuator/health
			  dashboard     http://127.0.0.1:8090   Spring Boot Admin: health, info, metrics of the three

			 Dev API keys (Authorization: Bearer <key>; local use only):
			  dev-shop-key         CHECKOUT: submit and read checkouts
			  dev-operator-key     OPERATOR: metrics, listings, /actuator/sagas, stock audit
			  dev-stock-admin-key  STOCK_ADMIN: set and restock items

			 Try:
			  curl -i -X POST http://127.0.0.1:8080/checkouts \\
			       -H 'Authorization: Bearer dev-shop-key' -H 'Content-Type: application/json' \\
			       -d '{"userId":"user-1","items":[{"itemId":"item-0","quantity":1}]}'
			  curl -H 'Authorization: Bearer dev-shop-key' http://127.0.0.1:8081/stock/item-0
			------------------------------------------------------------------------------
			2026-12-08T00:27:55.052Z  INFO 5030 --- [nio-8080-exec-1] [ ] o.a.c.c.C.[Tomcat-2].[localhost].[/]     : Initializing Spring DispatcherServlet 'dispatcherServlet'
			""";

	@Test
	void findsTheSuitesAddressesInItsBanner() {
		SuiteProcess.Addresses addresses = SuiteProcess.parseBanner(STARTED);

		assertThat(addresses).isEqualTo(
				new SuiteProcess.Addresses(URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:8081"),
						URI.create("http://127.0.0.1:8082"), "127.0.0.1:9092", "http://127.0.0.1:8090"));
	}

	@Test
	void isNotReadyUntilTheBannerIsPrintedWhole() {
		String half = STARTED.substring(0, STARTED.indexOf("  kafka"));

		assertThat(SuiteProcess.parseBanner(half)).isNull();
		assertThat(SuiteProcess.parseBanner("Starting the broker...\n")).isNull();
	}

	@Test
	void knowsTheDashboardIsOff() {
		String off = STARTED.replaceAll("dashboard     .*", "dashboard     off (--suite.admin.port=8090 starts it)");

		assertThat(SuiteProcess.parseBanner(off).dashboard()).isNull();
	}

	@Test
	void startsTheLauncherJarAsRunLocalDoesWithTheLaunchersOptionsAndTheServicesProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("orchestrator.port", "0");
		properties.put("admin.port", "off");
		properties.put("checkout.kafka.concurrency", "4");

		List<String> command = SuiteProcess.command("/jdk/bin/java", Path.of("/p/launcher-0.1.0-exec.jar"),
				List.of("-XX:+UseParallelGC"), Path.of("/tmp/data"), properties);

		assertThat(command).containsExactly("/jdk/bin/java", "-Xmx1g", "-XX:+UseParallelGC", "-jar",
				"/p/launcher-0.1.0-exec.jar", "--suite.data-dir=/tmp/data", "--suite.orchestrator.port=0",
				"--suite.admin.port=off", "--checkout.kafka.concurrency=4");
	}

	@Test
	void takesTheDataFolderOnlyFromDataDir() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SuiteProcess.command("java", Path.of("l.jar"), List.of(), Path.of("/tmp/data"),
					Map.of("data-dir", "/elsewhere")))
			.withMessageContaining("--data-dir");
	}

}
