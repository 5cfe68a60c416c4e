package org.checkoutsaga.launcher.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.checkoutsaga.launcher.check.CheckReport;

/**
 * {@code launcher faults}: the fault-injection run from the command line. Prints progress
 * while it runs, then the report, and writes the report to {@code report.txt} in the
 * report dir beside the processes' logs.
 */
public final class FaultsCommand {

	/** The level of the Kafka clients' loggers, read by the launcher's logback.xml. */
	static final String KAFKA_LOG_LEVEL = "launcher.kafka-log-level";

	private FaultsCommand() {
	}

	/**
	 * @param args the options (see {@code faults --help})
	 * @param out where progress and the report go
	 * @param err where errors go
	 * @return 0 when every scenario run passed, 1 when one failed, 2 for a bad command
	 * line or a suite that would not start
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (Arrays.asList(args).contains("--help")) {
			out.println(FaultOptions.usage());
			return 0;
		}
		FaultOptions options;
		try {
			options = FaultOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(FaultOptions.usage());
			return 2;
		}
		// this run's own Kafka clients would log every reconnection while the broker is
		// down
		System.setProperty(KAFKA_LOG_LEVEL, "ERROR");
		out.printf("[faults] seed %d, scenarios %s, report in %s%n", options.seed(),
				options.scenarios().stream().map(Scenario::label).toList(), options.reportDir().toAbsolutePath());
		Instant startedAt = Instant.now();
		List<ScenarioResult> results = new ArrayList<>();
		CheckReport check = null;
		FaultRun run = new FaultRun(options, out);
		Thread cleanup = new Thread(run::close, "faults-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		try {
			try {
				run.start();
			}
			catch (RuntimeException ex) {
				err.println("The suite could not start: " + ex.getMessage());
				return 2;
			}
			for (Scenario scenario : options.scenarios()) {
				results.add(runSafely(run, scenario, out));
			}
			try {
				check = run.finalCheck();
			}
			catch (RuntimeException ex) {
				err.println("The final cross-service check failed: " + ex.getMessage());
			}
		}
		finally {
			run.close();
			Runtime.getRuntime().removeShutdownHook(cleanup);
		}
		String report = FaultReport.format(options, startedAt, results);
		out.println(report);
		if (check != null) {
			out.println("Cross-service check of everything the run did:");
			out.println(check.format());
		}
		write(options, report + "\n" + ((check != null) ? check.format() + "\n" : ""), err);
		boolean passed = results.stream().filter(ScenarioResult::wasRun).allMatch(ScenarioResult::passed)
				&& check != null && check.violations().isEmpty();
		return passed ? 0 : 1;
	}

	static ScenarioResult runSafely(FaultRun run, Scenario scenario, PrintStream out) {
		try {
			return run.run(scenario);
		}
		catch (RuntimeException ex) {
			out.printf("[%s] FAIL: %s%n", scenario.label(), ex);
			return ScenarioResult.failed(scenario, "the scenario broke off: " + ex);
		}
	}

	private static void write(FaultOptions options, String report, PrintStream err) {
		try {
			Files.createDirectories(options.reportDir());
			Files.writeString(options.reportDir().resolve("report.txt"), report, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			err.println("Could not write the report to " + options.reportDir() + ": " + ex.getMessage());
		}
	}

}
