package org.checkoutsaga.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How the launcher reads its command line.
 */
class LauncherApplicationTest {

	@Test
	void runsOnTheUsualPortsWithTheDefaultCatalogWithoutOptions() {
		LocalSuite.Settings settings = LauncherApplication.settings(new String[0]);

		assertThat(settings).isEqualTo(LocalSuite.Settings.defaults(Path.of("./data")));
	}

	@Test
	void takesDataDirPortsAndCatalogFromSuiteOptions() {
		LocalSuite.Settings settings = LauncherApplication
			.settings(new String[] { "--suite.data-dir=/tmp/saga", "--suite.kafka.port=0", "--suite.stock.port=9181",
					"--suite.seed.items=3", "--suite.seed.quantity=1_000" });

		assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/saga"));
		assertThat(settings.kafkaPort()).isZero();
		assertThat(settings.stockPort()).isEqualTo(9181);
		assertThat(settings.orchestratorPort()).isEqualTo(8080);
		assertThat(settings.seedItems()).isEqualTo(3);
		assertThat(settings.seedQuantity()).isEqualTo(1000L);
	}

	@Test
	void runsTheDashboardOn8090ByDefaultOnAnyFreePortOrNotAtAll() {
		assertThat(LauncherApplication.settings(new String[0]).adminPort()).isEqualTo(8090);
		assertThat(LauncherApplication.settings(new String[] { "--suite.admin.port=0" }).adminPort()).isZero();
		assertThat(LauncherApplication.settings(new String[] { "--suite.admin.port=off" }).adminPort())
			.isEqualTo(LocalSuite.Settings.NO_DASHBOARD);
	}

	@Test
	void handsOtherOptionsToEveryService() {
		LocalSuite.Settings settings = LauncherApplication
			.settings(new String[] { "--stock.group-commit.max-batch=1024" });

		Map<String, Object> expected = Map.of("stock.group-commit.max-batch", "1024");
		assertThat(settings.stockProperties()).isEqualTo(expected);
		assertThat(settings.receiptProperties()).isEqualTo(expected);
		assertThat(settings.orchestratorProperties()).isEqualTo(expected);
	}

	@Test
	void rejectsAMistypedSuiteOption() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LauncherApplication.settings(new String[] { "--suite.seed.item=5" }))
			.withMessageContaining("suite.seed.item");
	}

	@Test
	void rejectsAPortThatIsNotANumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LauncherApplication.settings(new String[] { "--suite.kafka.port=ninety" }))
			.withMessageContaining("suite.kafka.port");
	}

	@Test
	void rejectsAnArgumentWithoutValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LauncherApplication.settings(new String[] { "--suite.data-dir" }))
			.withMessageContaining("--name=value");
	}

}
