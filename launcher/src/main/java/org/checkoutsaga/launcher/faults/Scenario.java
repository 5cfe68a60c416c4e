package org.checkoutsaga.launcher.faults;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.checkoutsaga.launcher.faults.SuiteProcesses.Part;

/**
 * The faults a run can inject: what fails, how, and under which load.
 */
enum Scenario {

	/** kill -9 the orchestrator mid-load, start it again. */
	KILL_ORCHESTRATOR("kill-orchestrator", Fault.KILL, Part.ORCHESTRATOR, false,
			"kill -9 the orchestrator mid-load, then start it again"),

	/** kill -9 the stock service mid-load, start it again. */
	KILL_STOCK("kill-stock", Fault.KILL, Part.STOCK, false, "kill -9 the stock service mid-load, then start it again"),

	/** kill -9 the receipt service mid-load, start it again. */
	KILL_RECEIPT("kill-receipt", Fault.KILL, Part.RECEIPT, false,
			"kill -9 the receipt service mid-load, then start it again"),

	/** Stop the stock service for the outage, start it again. */
	STOP_STOCK("stop-stock", Fault.OUTAGE, Part.STOCK, false,
			"stop the stock service (SIGTERM) for the outage, then start it: sagas wait, none is rejected for it"),

	/**
	 * Freeze the stock service for the outage: it accepts connections, answers nothing.
	 */
	FREEZE_STOCK("freeze-stock", Fault.FREEZE, Part.STOCK, false,
			"freeze the stock service (SIGSTOP) for the outage, then thaw it (SIGCONT): calls time out, none lost"),

	/** kill -9 the Kafka broker mid-load, start it again on the same port and logs. */
	KILL_BROKER("kill-broker", Fault.KILL, Part.BROKER, false,
			"kill -9 the Kafka broker mid-load, then start it again on its port and log dir"),

	/** 100 items of stock 1, 10 checkouts per item at once. */
	CONTENTION("contention", Fault.NONE, null, true,
			"N items of stock 1, 10N concurrent one-unit checkouts: exactly N complete, 9N are OUT_OF_STOCK"),

	/** The contention case with a kill -9 of the orchestrator while it runs. */
	CONTENTION_KILL_ORCHESTRATOR("contention-kill-orchestrator", Fault.KILL, Part.ORCHESTRATOR, true,
			"the contention case, kill -9 the orchestrator while it runs, then start it again"),

	/** The contention case with a kill -9 of the stock service while it runs. */
	CONTENTION_KILL_STOCK("contention-kill-stock", Fault.KILL, Part.STOCK, true,
			"the contention case, kill -9 the stock service while it runs, then start it again"),

	/** Not run: the embedded databases cannot be made unavailable honestly. */
	DATABASE_UNAVAILABLE("database-unavailable", Fault.NOT_RUN, null, false,
			"not run, reported as such: H2 is embedded in each service's process");

	/** Why {@link #DATABASE_UNAVAILABLE} is not run. */
	static final String NO_DATABASE_FAULT = "each service embeds its H2 database in its own process (file mode): "
			+ "it cannot be cut off while the service keeps running, and killing the process is what kill-* does; "
			+ "needs an external database (e.g. PostgreSQL) to stop on its own";

	private final String label;

	private final Fault fault;

	private final Part part;

	private final boolean contention;

	private final String description;

	Scenario(String label, Fault fault, Part part, boolean contention, String description) {
		this.label = label;
		this.fault = fault;
		this.part = part;
		this.contention = contention;
		this.description = description;
	}

	String label() {
		return this.label;
	}

	Fault fault() {
		return this.fault;
	}

	/**
	 * @return the part that fails, null for none
	 */
	Part part() {
		return this.part;
	}

	boolean contention() {
		return this.contention;
	}

	String description() {
		return this.description;
	}

	/**
	 * @param labels comma-separated scenario names, or {@code all}
	 * @return the scenarios, in the order given
	 */
	static List<Scenario> parse(String labels) {
		if (labels.isBlank() || labels.trim().equals("all")) {
			return List.of(values());
		}
		return Arrays.stream(labels.split(",")).map(String::trim).filter((label) -> !label.isEmpty()).map((label) -> {
			return Arrays.stream(values())
				.filter((scenario) -> scenario.label.equals(label))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unknown scenario '" + label + "', expected one of: "
						+ Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", "))));
		}).toList();
	}

	/** How a part fails. */
	enum Fault {

		/** No fault: the load alone. */
		NONE,

		/** SIGKILL, a short pause, start again. */
		KILL,

		/** SIGTERM, down for the outage, start again. */
		OUTAGE,

		/** SIGSTOP for the outage, then SIGCONT. */
		FREEZE,

		/** Not run; see the reason. */
		NOT_RUN

	}

}
