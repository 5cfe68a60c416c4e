package org.checkoutsaga.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	private static final String[] RUNNING_SUITE = { "--orchestrator-url=http://127.0.0.1:8080",
			"--stock-url=http://127.0.0.1:8081", "--receipt-url=http://127.0.0.1:8082", "--kafka=127.0.0.1:9092" };

	@Test
	void startsTheSuiteAsAProcessOfItsOwnByDefault() {
		BenchOptions options = BenchOptions.parse("--quick");

		assertThat(options.remote()).isNull();
		assertThat(options.inProcess()).isFalse();
		assertThat(options.launcherJar()).isNull();
		assertThat(options.suitePid()).isNull();
	}

	@Test
	void takesTheDiagnosticInProcessModeTheLauncherJarAndTheSuiteProperties() {
		BenchOptions options = BenchOptions.parse("--in-process", "--launcher-jar=l.jar", "--suite.orchestrator.port=0",
				"--suite.checkout.kafka.concurrency=4");

		assertThat(options.inProcess()).isTrue();
		assertThat(options.launcherJar()).isEqualTo(Path.of("l.jar"));
		assertThat(options.suiteProperties()).containsEntry("orchestrator.port", "0")
			.containsEntry("checkout.kafka.concurrency", "4");
	}

	@Test
	void takesTheJvmOfARunningSuite() {
		String[] args = { RUNNING_SUITE[0], RUNNING_SUITE[1], RUNNING_SUITE[2], RUNNING_SUITE[3], "--suite-pid=4242" };

		assertThat(BenchOptions.parse(args).suitePid()).isEqualTo(4242L);
	}

	@Test
	void rejectsTheInProcessModeWithARunningSuiteAndAPidWithoutOne() {
		String[] inProcess = { RUNNING_SUITE[0], RUNNING_SUITE[1], RUNNING_SUITE[2], RUNNING_SUITE[3], "--in-process" };

		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(inProcess))
			.withMessageContaining("--in-process");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--suite-pid=4242"))
			.withMessageContaining("--suite-pid");
	}

}
