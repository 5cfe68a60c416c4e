package org.checkoutsaga.launcher.faults;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@code launcher faults} reads its command line.
 */
class FaultOptionsTest {

	@Test
	void runsEveryScenarioWithAFixedSeedByDefault() {
		FaultOptions options = FaultOptions.parse(new String[0]);

		assertThat(options.seed()).isEqualTo(FaultOptions.DEFAULT_SEED);
		assertThat(options.scenarios()).containsExactly(Scenario.values());
		assertThat(options.outage()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.checkouts()).isEqualTo(3000);
		assertThat(options.contentionItems()).isEqualTo(100);
		assertThat(options.jvmOptions()).contains("-XX:TieredStopAtLevel=1");
		assertThat(options.reportDir().toString()).startsWith("./data/faults-");
	}

	@Test
	void takesSeedLoadScenariosAndOutage() {
		FaultOptions options = FaultOptions.parse(new String[] { "--seed=99", "--checkouts=5_000",
				"--scenarios=kill-stock, contention", "--report=/tmp/r", "--outage=10s", "--rate=250",
				"--jvm-options=-XX:TieredStopAtLevel=4 -Xss512k" });

		assertThat(options.seed()).isEqualTo(99);
		assertThat(options.checkouts()).isEqualTo(5000);
		assertThat(options.scenarios()).containsExactly(Scenario.KILL_STOCK, Scenario.CONTENTION);
		assertThat(options.reportDir()).isEqualTo(Path.of("/tmp/r"));
		assertThat(options.outage()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.ratePerSecond()).isEqualTo(250);
		assertThat(options.jvmOptions()).endsWith("-XX:TieredStopAtLevel=4", "-Xss512k")
			.doesNotContain("-XX:TieredStopAtLevel=1");
	}

	@Test
	void handsServicePropertiesToTheServices() {
		FaultOptions options = FaultOptions
			.parse(new String[] { "--checkout.deadline=2m", "--stock.mailbox.workers=2" });

		assertThat(options.serviceProperties()).containsExactly("--checkout.deadline=2m", "--stock.mailbox.workers=2");
	}

	@Test
	void rejectsAnUnknownOptionOrScenario() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultOptions.parse(new String[] { "--sead=1" }))
			.withMessageContaining("--sead");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultOptions.parse(new String[] { "--scenarios=kill-database" }))
			.withMessageContaining("kill-database")
			.withMessageContaining("kill-orchestrator");
		assertThatIllegalArgumentException().isThrownBy(() -> FaultOptions.parse(new String[] { "--outage=soon" }))
			.withMessageContaining("--outage");
	}

}
