package org.checkoutsaga.launcher.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.checkoutsaga.launcher.check.CheckReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection run, short: the broker and the three services as separate processes
 * (started once for the class), a few hundred checkouts per scenario over REST and Kafka,
 * and a {@code kill -9} in each scenario. What users rely on must hold after every one:
 * no accepted checkout lost, one receipt per completed checkout, stock conserved, exact
 * counts under contention. The report is printed as {@code launcher faults} prints it;
 * the processes' logs stay in {@code target/faults-tests/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTests {

	private static final long SEED = 42;

	private static final int CHECKOUTS = 400;

	private static final int CONTENTION_ITEMS = 50;

	private final List<ScenarioResult> results = new ArrayList<>();

	private final Instant startedAt = Instant.now();

	private FaultRun run;

	@BeforeAll
	void startTheSuiteAsProcesses() {
		Path reportDir = Path.of("target", "faults-tests",
				LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
		FaultOptions options = new FaultOptions(SEED, CHECKOUTS,
				List.of(Scenario.KILL_ORCHESTRATOR, Scenario.KILL_STOCK, Scenario.CONTENTION_KILL_ORCHESTRATOR),
				reportDir, Duration.ofSeconds(10), 100, Duration.ofMinutes(2), Duration.ofMinutes(1), CONTENTION_ITEMS,
				64, Duration.ofMinutes(2), FaultOptions.jvmOptions(FaultOptions.DEFAULT_JVM_OPTIONS), List.of());
		this.run = new FaultRun(options, System.out);
		try {
			this.run.start();
		}
		catch (RuntimeException ex) {
			this.run.close();
			throw ex;
		}
	}

	@AfterAll
	void reportAndStopEveryProcess() {
		try {
			System.out.println(FaultReport.format(this.run.options(), this.startedAt, this.results));
			CheckReport check = this.run.finalCheck();
			System.out.println(check.format());
			assertThat(check.violations()).as("cross-service violations after all scenarios").isEmpty();
			assertThat(check.running()).as("checkouts still running after all scenarios").isEmpty();
		}
		finally {
			this.run.close();
			assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive))
				.as("child processes left running")
				.isEmpty();
		}
	}

	@Test
	@Order(1)
	void losesNoCheckoutWhenTheOrchestratorIsKilledMidLoad() {
		ScenarioResult result = run(Scenario.KILL_ORCHESTRATOR);

		assertSafe(result);
		assertThat(result.restRetries()).as("REST clients met the dead orchestrator and retried").isPositive();
	}

	@Test
	@Order(2)
	void losesNoCheckoutWhenTheStockServiceIsKilledMidLoad() {
		ScenarioResult result = run(Scenario.KILL_STOCK);

		assertSafe(result);
	}

	@Test
	@Order(3)
	void sellsEachUnitOnceUnderContentionWhenTheOrchestratorIsKilled() {
		ScenarioResult result = run(Scenario.CONTENTION_KILL_ORCHESTRATOR);

		assertSafe(result);
		assertThat(result.completed()).isEqualTo(CONTENTION_ITEMS);
		assertThat(result.rejectedByReason()).containsOnlyKeys("OUT_OF_STOCK")
			.containsEntry("OUT_OF_STOCK", 9 * CONTENTION_ITEMS);
	}

	private ScenarioResult run(Scenario scenario) {
		ScenarioResult result = FaultsCommand.runSafely(this.run, scenario, System.out);
		this.results.add(result);
		return result;
	}

	private static void assertSafe(ScenarioResult result) {
		assertThat(result.problems()).as("problems of " + result.scenario().label()).isEmpty();
		assertThat(result.accepted()).as("accepted").isEqualTo(result.planned());
		assertThat(result.lost()).as("lost").isZero();
		assertThat(result.duplicateReceipts()).as("duplicate receipts").isZero();
		assertThat(result.receiptsNotCompleted()).as("receipts of checkouts that did not complete").isZero();
		assertThat(result.stockConserved()).as("stock conserved").isTrue();
		assertThat(result.violations()).as("cross-service violations").isZero();
		assertThat(result.completed() + result.rejected()).as("every accepted checkout ended")
			.isEqualTo(result.accepted());
		assertThat(result.downMillis()).as("the fault struck").isNotNull();
		assertThat(result.progressMillis()).as("checkouts ended after the restart").isNotNull();
	}

}
