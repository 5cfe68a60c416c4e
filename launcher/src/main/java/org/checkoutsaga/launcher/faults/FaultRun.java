package org.checkoutsaga.launcher.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.checkoutsaga.launcher.DevCredentials;
import org.checkoutsaga.launcher.check.CheckReport;
import org.checkoutsaga.launcher.check.SuiteChecker;
import org.checkoutsaga.launcher.check.SuiteReader;
import org.checkoutsaga.launcher.check.SuiteSnapshot;
import org.checkoutsaga.launcher.check.Violation;
import org.checkoutsaga.launcher.faults.LoadGenerator.LoadRun;
import org.checkoutsaga.launcher.faults.LoadGenerator.Submission;
import org.checkoutsaga.launcher.faults.SuiteProcesses.Part;

/**
 * A fault-injection run: the suite as separate processes, and one scenario after another
 * on it. A scenario stocks its own items, submits its plan, injects its fault, waits with
 * a deadline until every accepted checkout has ended, then checks what users rely on:
 * nothing lost, one receipt per completed checkout, stock conserved, no cross-service
 * violation. The processes are started once and only the part a scenario breaks is
 * restarted.
 */
final class FaultRun implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(20);

	/** How long an ended checkout's outcome may take to appear on the topic. */
	private static final Duration OUTCOME_GRACE = Duration.ofSeconds(10);

	private final FaultOptions options;

	private final PrintStream out;

	private final Map<String, Map<String, Integer>> knownItems = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private SuiteProcesses processes;

	private OutcomeWatcher watcher;

	private LoadGenerator load;

	private SuiteReader reader;

	FaultRun(FaultOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * Start the broker and the three services as processes, and the clients.
	 * @return this run
	 */
	FaultRun start() {
		Path dataDir = this.options.reportDir().resolve("data");
		try {
			if (Files.exists(dataDir) && Files.list(dataDir).findAny().isPresent()) {
				throw new IllegalArgumentException(dataDir + " is not empty: give each run a report dir of its own");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long startedAt = System.nanoTime();
		this.processes = new SuiteProcesses(dataDir, this.options.reportDir().resolve("logs"),
				JavaCommand.ofThisJvm(this.options.jvmOptions()), this.options.serviceProperties());
		this.processes.startAll(this.options.startTimeout());
		this.out.printf("[faults] broker and services started as processes in %.1f s (logs in %s)%n",
				(System.nanoTime() - startedAt) / 1e9, this.options.reportDir().resolve("logs"));
		this.watcher = new OutcomeWatcher(this.processes.bootstrapServers());
		this.load = new LoadGenerator(this.processes.url(Part.ORCHESTRATOR), this.processes.bootstrapServers(),
				this.options.maxRestInFlight(), this.options.giveUpAfter());
		this.reader = new SuiteReader(this.processes.url(Part.ORCHESTRATOR), this.processes.url(Part.STOCK),
				this.processes.url(Part.RECEIPT), DevCredentials.TOOLS);
		return this;
	}

	/**
	 * Run one scenario.
	 * @param scenario the scenario
	 * @return what it showed
	 */
	ScenarioResult run(Scenario scenario) {
		if (scenario.fault() == Scenario.Fault.NOT_RUN) {
			this.out.printf("[%s] not run: %s%n", scenario.label(), Scenario.NO_DATABASE_FAULT);
			return ScenarioResult.notRun(scenario, Scenario.NO_DATABASE_FAULT);
		}
		ScenarioPlan plan = ScenarioPlan.draw(scenario, this.options.seed(), this.options.checkouts(),
				this.options.contentionItems(), this.options.ratePerSecond(), this.options.outage());
		this.out.printf("[%s] %s%n", scenario.label(), plan.describe());
		List<String> problems = new ArrayList<>();
		ensureRunning();
		setStock(plan.initialStock());
		plan.checkouts().forEach((checkout) -> this.knownItems.put(checkout.checkoutId(), checkout.quantities()));
		List<String> ids = plan.checkouts().stream().map(PlannedCheckout::checkoutId).toList();

		LoadRun run = this.load.start("faults-" + scenario.label(), plan.checkouts(), plan.ratePerSecond());
		CompletableFuture<FaultTimes> fault = (scenario.fault() == Scenario.Fault.NONE)
				? CompletableFuture.completedFuture(null) : CompletableFuture.supplyAsync(() -> inject(plan, run, ids));
		Duration loadDeadline = this.options.giveUpAfter()
			.plus(plan.downtime())
			.plus(this.options.startTimeout())
			.plus(Duration.ofSeconds((long) (plan.checkouts().size() / Math.max(1, plan.ratePerSecond()))));
		if (!run.awaitResolved(loadDeadline)) {
			problems.add("the load was not through within " + loadDeadline.toSeconds() + " s");
		}
		FaultTimes times = awaitFault(fault, problems);
		long loadEnd = run.submissions()
			.stream()
			.mapToLong((submission) -> submission.acceptedAt)
			.max()
			.orElse(System.currentTimeMillis());
		long loadStart = run.submissions()
			.stream()
			.mapToLong((submission) -> submission.firstAttemptAt)
			.filter((at) -> at > 0)
			.min()
			.orElse(loadEnd);

		Set<String> accepted = run.submissions()
			.stream()
			.filter(Submission::isAccepted)
			.map((submission) -> submission.planned.checkoutId())
			.collect(Collectors.toSet());
		settle(accepted);
		long settleEnd = System.currentTimeMillis();

		ScenarioResult result = verify(plan, run, accepted, times, problems, loadStart, loadEnd, settleEnd);
		this.out.printf("[%s] %s: accepted %d, completed %d, rejected %d, lost %d%s%n", scenario.label(),
				result.passed() ? "PASS" : "FAIL", result.accepted(), result.completed(), result.rejected(),
				result.lost(), result.problems().isEmpty() ? "" : "; " + String.join("; ", result.problems()));
		return result;
	}

	/**
	 * The cross-service check over everything the run did.
	 * @return the checker's report
	 */
	CheckReport finalCheck() {
		return new SuiteChecker(this.reader).check(this.knownItems);
	}

	FaultOptions options() {
		return this.options;
	}

	private FaultTimes inject(ScenarioPlan plan, LoadRun run, List<String> ids) {
		ScenarioPlan.Trigger trigger = plan.trigger();
		BooleanSupplier due = (trigger.kind() == ScenarioPlan.Trigger.Kind.SUBMITTED)
				? () -> run.dispatched() >= trigger.threshold() : () -> this.watcher.ended(ids) >= trigger.threshold();
		awaitCondition(due, this.options.settleTimeout());
		Part part = plan.scenario().part();
		CircuitWatch circuit = (part == Part.STOCK || part == Part.RECEIPT)
				? new CircuitWatch(this.processes.url(Part.ORCHESTRATOR), part.label()) : null;
		long faultAt = System.currentTimeMillis();
		switch (plan.scenario().fault()) {
			case KILL -> this.processes.kill(part);
			case OUTAGE -> this.processes.stop(part);
			case FREEZE -> this.processes.freeze(part);
			default -> throw new IllegalStateException("No fault to inject for " + plan.scenario());
		}
		long downAt = System.currentTimeMillis();
		// the outage itself: the part stays down this long on purpose
		ChildProcess.sleep(plan.downtime());
		long readyAt;
		if (plan.scenario().fault() == Scenario.Fault.FREEZE) {
			this.processes.thaw(part);
			awaitCondition(() -> this.processes.isReady(part), this.options.startTimeout());
			readyAt = System.currentTimeMillis();
		}
		else {
			readyAt = this.processes.start(part, this.options.startTimeout()).toEpochMilli();
		}
		Boolean circuitOpened = null;
		if (circuit != null) {
			circuit.close();
			circuitOpened = circuit.opened();
		}
		this.out.printf("[%s] %s %s at +%.1f s (took %d ms), serving again %.1f s later%s%n", plan.scenario().label(),
				plan.scenario().fault().name().toLowerCase(), part.label(),
				(faultAt - run.submissions().get(0).firstAttemptAt) / 1000.0, downAt - faultAt,
				(readyAt - faultAt) / 1000.0, (circuitOpened == null) ? "" : "; the orchestrator's circuit breaker '"
						+ part.label() + "' " + (circuitOpened ? "opened" : "stayed closed"));
		return new FaultTimes(faultAt, readyAt, circuitOpened);
	}

	private FaultTimes awaitFault(CompletableFuture<FaultTimes> fault, List<String> problems) {
		try {
			return fault.get(this.options.settleTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			problems.add("the fault could not be injected or undone: " + ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			problems.add("the fault was not undone within " + this.options.settleTimeout().toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			problems.add("interrupted");
		}
		return null;
	}

	/**
	 * Wait until every accepted checkout has ended: its outcome on
	 * {@code checkout-results}, or its status at the orchestrator for the few that have
	 * no outcome there.
	 */
	private void settle(Set<String> accepted) {
		Set<String> pending = new HashSet<>(accepted);
		long deadline = System.currentTimeMillis() + this.options.settleTimeout().toMillis();
		long nextLookup = System.currentTimeMillis() + 5_000;
		while (true) {
			pending.removeIf((checkoutId) -> this.watcher.outcome(checkoutId) != null);
			long now = System.currentTimeMillis();
			if (pending.isEmpty() || now > deadline) {
				return;
			}
			if (now >= nextLookup) {
				pending.stream().limit(200).toList().forEach((checkoutId) -> {
					if (this.reader.checkout(checkoutId).filter((c) -> !c.isRunning()).isPresent()) {
						pending.remove(checkoutId);
					}
				});
				nextLookup = System.currentTimeMillis() + 3_000;
			}
			ChildProcess.sleep(Duration.ofMillis(100));
		}
	}

	private ScenarioResult verify(ScenarioPlan plan, LoadRun run, Set<String> accepted, FaultTimes times,
			List<String> problems, long loadStart, long loadEnd, long settleEnd) {
		SuiteSnapshot snapshot = this.reader.read();
		CheckReport report = new SuiteChecker(this.reader).check(snapshot, this.knownItems);
		Map<String, SuiteSnapshot.Checkout> byId = new HashMap<>();
		snapshot.checkouts().forEach((checkout) -> byId.put(checkout.checkoutId(), checkout));
		Set<String> ids = new HashSet<>();
		plan.checkouts().forEach((checkout) -> ids.add(checkout.checkoutId()));

		int completed = 0;
		int compensationFailed = 0;
		int startedUnacknowledged = 0;
		Map<String, Integer> rejected = new TreeMap<>();
		List<String> lost = new ArrayList<>();
		Map<String, Long> taken = new HashMap<>();
		for (Submission submission : run.submissions()) {
			PlannedCheckout planned = submission.planned;
			SuiteSnapshot.Checkout checkout = byId.get(planned.checkoutId());
			if (submission.isAccepted() && (checkout == null || checkout.isRunning())) {
				lost.add(planned.checkoutId() + ((checkout == null) ? " (unknown)" : " (RUNNING)"));
			}
			if (!submission.isAccepted() && checkout != null) {
				startedUnacknowledged++;
			}
			if (checkout == null || checkout.isRunning()) {
				continue;
			}
			if (checkout.isCompleted()) {
				completed++;
				planned.items().forEach((item) -> taken.merge(item.itemId(), (long) item.quantity(), Long::sum));
			}
			else if (checkout.isRejected()) {
				rejected.merge(String.valueOf(checkout.reason()), 1, Integer::sum);
			}
			else if (checkout.isCompensationFailed()) {
				compensationFailed++;
			}
		}
		int acceptedRest = (int) run.submissions()
			.stream()
			.filter((s) -> s.isAccepted() && s.planned.channel() == PlannedCheckout.Channel.REST)
			.count();
		List<Submission> notAccepted = run.submissions().stream().filter((s) -> !s.isAccepted()).toList();

		Map<String, Integer> receipts = new HashMap<>();
		snapshot.receipts()
			.stream()
			.filter((receipt) -> ids.contains(receipt.checkoutId()))
			.forEach((receipt) -> receipts.merge(receipt.checkoutId(), 1, Integer::sum));
		int duplicateReceipts = (int) receipts.values().stream().filter((count) -> count > 1).count();
		List<String> receiptsNotCompleted = receipts.keySet()
			.stream()
			.filter((checkoutId) -> byId.get(checkoutId) == null
					|| !(byId.get(checkoutId).isCompleted() || byId.get(checkoutId).isRunning()))
			.sorted()
			.toList();

		List<String> stockProblems = conservation(plan, taken);
		Set<String> items = plan.items();
		List<Violation> violations = report.violations()
			.stream()
			.filter((v) -> (v.checkoutId() != null && ids.contains(v.checkoutId()))
					|| (v.itemId() != null && items.contains(v.itemId())))
			.toList();
		List<String> conflicts = this.watcher.conflicts(ids);
		List<String> missingOutcomes = missingOutcomes(snapshot.checkouts()
			.stream()
			.filter((checkout) -> ids.contains(checkout.checkoutId()) && !checkout.isRunning())
			.map(SuiteSnapshot.Checkout::checkoutId)
			.toList());

		if (!lost.isEmpty()) {
			problems.add(lost.size() + " accepted checkout(s) lost: " + first(lost, 10));
		}
		if (duplicateReceipts > 0) {
			problems.add(duplicateReceipts + " checkout(s) with more than one receipt");
		}
		if (!receiptsNotCompleted.isEmpty()) {
			problems.add(receiptsNotCompleted.size() + " receipt(s) of checkouts that did not complete: "
					+ first(receiptsNotCompleted, 10));
		}
		problems.addAll(stockProblems);
		if (!violations.isEmpty()) {
			problems.add(violations.size() + " cross-service violation(s): " + first(violations, 5));
		}
		if (!conflicts.isEmpty()) {
			problems.add(conflicts.size() + " checkout(s) with two different outcomes: " + first(conflicts, 5));
		}
		if (!notAccepted.isEmpty()) {
			problems.add(notAccepted.size() + " checkout(s) never accepted: " + first(notAccepted.stream()
				.map((s) -> s.planned.checkoutId() + " " + s.planned.channel() + " " + s.state + ": " + s.lastFailure)
				.toList(), 3));
		}
		if (compensationFailed > 0) {
			problems.add(compensationFailed + " checkout(s) ended COMPENSATION_FAILED");
		}
		if (rejected.getOrDefault("TIMEOUT", 0) > 0) {
			problems.add(rejected.get("TIMEOUT") + " checkout(s) rejected for TIMEOUT: the fault, not the shop, "
					+ "decided their outcome");
		}
		if (plan.scenario().contention()) {
			problems.addAll(contentionProblems(plan, completed, rejected, receipts.size()));
		}

		Long down = null;
		Long progress = null;
		Long drain = null;
		if (times != null) {
			down = times.readyAt() - times.faultAt();
			long firstAfter = Long.MAX_VALUE;
			long lastOfInFlight = times.readyAt();
			for (Submission submission : run.submissions()) {
				Long finishedAt = finishedAt(byId.get(submission.planned.checkoutId()));
				if (finishedAt == null) {
					continue;
				}
				if (finishedAt >= times.readyAt()) {
					firstAfter = Math.min(firstAfter, finishedAt);
				}
				if (submission.firstAttemptAt > 0 && submission.firstAttemptAt < times.readyAt()) {
					lastOfInFlight = Math.max(lastOfInFlight, finishedAt);
				}
			}
			progress = (firstAfter == Long.MAX_VALUE) ? null : firstAfter - times.readyAt();
			drain = lastOfInFlight - times.readyAt();
		}
		return new ScenarioResult(plan.scenario(), plan.describe(), null, plan.checkouts().size(), accepted.size(),
				acceptedRest, notAccepted.size(), startedUnacknowledged, completed, rejected, compensationFailed,
				lost.size(), duplicateReceipts, receiptsNotCompleted.size(), stockProblems.isEmpty(), violations.size(),
				conflicts.size(), missingOutcomes, run.restErrors() + run.rest5xx(),
				(times != null) ? times.circuitOpened() : null, down, progress, drain, loadEnd - loadStart,
				Math.max(0, settleEnd - loadEnd), problems);
	}

	/**
	 * Ended checkouts whose outcome has not appeared on {@code checkout-results}, after
	 * giving the topic a few seconds to catch up.
	 */
	private List<String> missingOutcomes(List<String> ended) {
		long deadline = System.currentTimeMillis() + OUTCOME_GRACE.toMillis();
		List<String> missing = ended;
		while (true) {
			missing = missing.stream().filter((checkoutId) -> this.watcher.outcome(checkoutId) == null).toList();
			if (missing.isEmpty() || System.currentTimeMillis() > deadline) {
				return missing.stream().sorted().toList();
			}
			ChildProcess.sleep(Duration.ofMillis(200));
		}
	}

	/**
	 * initial = current + completed quantities, for every stocked item of the plan; items
	 * never stocked stay so.
	 */
	private List<String> conservation(ScenarioPlan plan, Map<String, Long> taken) {
		List<String> problems = new ArrayList<>();
		plan.initialStock().forEach((itemId, initial) -> {
			Long current = this.reader.stock(itemId).orElse(null);
			long completedTook = taken.getOrDefault(itemId, 0L);
			if (current == null) {
				problems.add("stock of " + itemId + " is gone (404), initial " + initial);
			}
			else if (initial != current + completedTook) {
				problems.add(String.format(
						"stock of %s not conserved: initial %d, now %d, completed checkouts took %d"
								+ " (%+d unaccounted)",
						itemId, initial, current, completedTook, initial - current - completedTook));
			}
		});
		for (String itemId : plan.unstockedItems()) {
			this.reader.stock(itemId)
				.filter((quantity) -> quantity != 0)
				.ifPresent((quantity) -> problems.add("never stocked " + itemId + " has stock " + quantity));
		}
		return problems;
	}

	private static List<String> contentionProblems(ScenarioPlan plan, int completed, Map<String, Integer> rejected,
			int receipts) {
		List<String> problems = new ArrayList<>();
		int items = plan.initialStock().size();
		int expectedRejected = plan.checkouts().size() - items;
		if (completed != items) {
			problems.add("contention: " + completed + " completed, expected exactly " + items);
		}
		if (rejected.getOrDefault("OUT_OF_STOCK", 0) != expectedRejected
				|| rejected.values().stream().mapToInt(Integer::intValue).sum() != expectedRejected) {
			problems
				.add("contention: rejected " + rejected + ", expected exactly " + expectedRejected + " OUT_OF_STOCK");
		}
		if (receipts != items) {
			problems.add("contention: " + receipts + " receipts, expected exactly " + items);
		}
		return problems;
	}

	private Long finishedAt(SuiteSnapshot.Checkout checkout) {
		if (checkout == null || checkout.isRunning()) {
			return null;
		}
		if (checkout.finishedAt() != null) {
			return checkout.finishedAt();
		}
		OutcomeWatcher.Outcome outcome = this.watcher.outcome(checkout.checkoutId());
		return (outcome != null) ? outcome.completedAt() : null;
	}

	/**
	 * Every part serves before a scenario starts; one a failed scenario left down is
	 * started again.
	 */
	private void ensureRunning() {
		for (Part part : Part.values()) {
			if (!this.processes.isAlive(part)) {
				this.out.printf("[faults] %s is down after the last scenario: starting it%n", part.label());
				this.processes.start(part, this.options.startTimeout());
			}
		}
		for (Part part : Part.values()) {
			awaitCondition(() -> this.processes.isReady(part), this.options.startTimeout());
		}
	}

	private void setStock(Map<String, Long> stock) {
		List<String> items = new ArrayList<>(stock.keySet());
		for (int from = 0; from < items.size(); from += 500) {
			Map<String, Long> chunk = new LinkedHashMap<>();
			items.subList(from, Math.min(from + 500, items.size())).forEach((item) -> chunk.put(item, stock.get(item)));
			String body = "{\"items\":{" + chunk.entrySet()
				.stream()
				.map((entry) -> "\"" + entry.getKey() + "\":" + entry.getValue())
				.collect(Collectors.joining(",")) + "}}";
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.processes.url(Part.STOCK) + "/stock"))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + DevCredentials.TOOLS)
				.PUT(HttpRequest.BodyPublishers.ofString(body))
				.build();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(
							"Setting the stock answered " + response.statusCode() + ": " + response.body());
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not set the stock", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static void awaitCondition(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not reached within " + timeout.toSeconds() + " s");
			}
			ChildProcess.sleep(POLL);
		}
	}

	private static String first(List<?> items, int count) {
		String shown = items.stream().limit(count).map(String::valueOf).collect(Collectors.joining(", "));
		return (items.size() > count) ? shown + ", ..." : shown;
	}

	/**
	 * Stop the clients and the processes. Safe to call more than once.
	 */
	@Override
	public void close() {
		if (this.load != null) {
			this.load.close();
			this.load = null;
		}
		if (this.watcher != null) {
			this.watcher.close();
			this.watcher = null;
		}
		if (this.processes != null) {
			this.processes.close();
			this.processes = null;
		}
	}

	/**
	 * When a fault struck and when the failed part served again, epoch milliseconds.
	 *
	 * @param faultAt the fault
	 * @param readyAt serving again
	 * @param circuitOpened whether the orchestrator's circuit breaker to the failed part
	 * opened in between; null if the part has none
	 */
	record FaultTimes(long faultAt, long readyAt, Boolean circuitOpened) {
	}

}
