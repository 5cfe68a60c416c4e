package org.checkoutsaga.receipt;

import java.nio.file.Path;

import org.checkoutsaga.receipt.ReceiptsClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkoutsaga.receipt.ReceiptRequests.newCheckoutId;
import static org.checkoutsaga.receipt.ReceiptRequests.twoItemsBody;

/**
 * Starts, stops and restarts the service the way the launcher does, on one database.
 */
class ReceiptDurabilityTests {

	@Test
	void keepsAStoredReceiptAcrossARestartOfTheService(@TempDir Path dataDir) {
		String databaseUrl = "jdbc:h2:file:" + dataDir.resolve("receipt-service") + ";WRITE_DELAY=0";
		String checkoutId = newCheckoutId();
		Answer stored;
		try (ConfigurableApplicationContext service = start(databaseUrl)) {
			stored = client(service).put(checkoutId, twoItemsBody(checkoutId));
		}
		assertThat(stored.status()).isEqualTo(201);

		try (ConfigurableApplicationContext service = start(databaseUrl)) {
			ReceiptsClient receipts = client(service);
			Answer found = receipts.get(checkoutId);
			Answer repeat = receipts.put(checkoutId, twoItemsBody(checkoutId));

			assertThat(found.status()).isEqualTo(200);
			assertThat(found.body()).isEqualTo(stored.body());
			assertThat(repeat.status()).isEqualTo(200);
			assertThat(repeat.body()).isEqualTo(stored.body());
			assertThat(receipts.count()).isOne();
		}
	}

	@Test
	void keepsACancelledReceiptAndATombstoneAcrossARestartOfTheService(@TempDir Path dataDir) {
		String databaseUrl = "jdbc:h2:file:" + dataDir.resolve("receipt-service") + ";WRITE_DELAY=0";
		String stored = newCheckoutId();
		String neverStored = newCheckoutId();
		try (ConfigurableApplicationContext service = start(databaseUrl)) {
			ReceiptsClient receipts = client(service);
			receipts.put(stored, twoItemsBody(stored));
			assertThat(receipts.delete(stored).cancelled()).isTrue();
			assertThat(receipts.delete(neverStored).cancelled()).isFalse();
		}

		try (ConfigurableApplicationContext service = start(databaseUrl)) {
			ReceiptsClient receipts = client(service);

			assertThat(receipts.put(stored, twoItemsBody(stored)).status()).isEqualTo(409);
			assertThat(receipts.put(neverStored, twoItemsBody(neverStored)).status()).isEqualTo(409);
			assertThat(receipts.delete(stored).cancelled()).isTrue();
			assertThat(receipts.delete(neverStored).cancelled()).isFalse();
			assertThat(receipts.get(stored).status()).isEqualTo(404);
			assertThat(receipts.count()).isZero();
		}
	}

	private static ConfigurableApplicationContext start(String databaseUrl) {
		return ReceiptServiceApplication.builder()
			.run("--server.port=0", "--spring.datasource.url=" + databaseUrl,
					"--spring.config.import=classpath:test-api-clients.yml");
	}

	private static ReceiptsClient client(ConfigurableApplicationContext service) {
		return new ReceiptsClient(service.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

}
