package org.checkoutsaga.stock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.stock.entity.ItemState;
import org.checkoutsaga.stock.entity.StockEntities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the service the way the launcher does
 * ({@link StockEntityServiceApplication#builder()}), stops it and starts it again on the
 * same H2 file: answered operations survive.
 */
class StockServiceRestartTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path folder;

	@Test
	void answeredOperationsSurviveARestart() throws Exception {
		try (ConfigurableApplicationContext first = start()) {
			StockEntities entities = first.getBean(StockEntities.class);
			entities.set("item-1", 10).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(entities.perform(List.of(retract("c1/item-1", 4))).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.containsExactly(new StockReply.Retracted("c1/item-1", "item-1", 4, 6));
		}

		try (ConfigurableApplicationContext second = start()) {
			StockEntities entities = second.getBean(StockEntities.class);
			assertThat(entities.find("item-1").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo(Optional.of(new ItemState("item-1", 6, 2)));
			assertThat(entities.perform(List.of(retract("c1/item-1", 4))).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.as("the repeat is answered from the ledger, not applied again")
				.containsExactly(new StockReply.Retracted("c1/item-1", "item-1", 4, 6));
		}
	}

	private ConfigurableApplicationContext start() {
		// arguments, not builder properties: those are defaults, below the service's own
		// file
		return StockEntityServiceApplication.builder()
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:"
					+ this.folder.resolve("stock").toAbsolutePath() + ";WRITE_DELAY=0");
	}

	private static StockCommand retract(String operationId, int quantity) {
		return new StockCommand.Retract(operationId, "item-1", quantity);
	}

}
