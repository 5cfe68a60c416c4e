package org.checkoutsaga.launcher.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@link SuiteChecker} found.
 *
 * @param checkoutsByStatus how many checkouts the orchestrator holds per status
 * @param endedByReason how many ended checkouts carry each reason
 * @param receipts how many receipts are listed
 * @param ledgerEntries how many stock ledger entries are listed
 * @param audit the stock service's own audit
 * @param violations every broken guarantee, sorted by kind, checkout and item
 * @param running checkouts not ended yet
 * @param tookMillis how long the check took
 */
public record CheckReport(Map<String, Long> checkoutsByStatus, Map<String, Long> endedByReason, long receipts,
		long ledgerEntries, SuiteSnapshot.Audit audit, List<Violation> violations, List<SuiteSnapshot.Checkout> running,
		long tookMillis) {

	/** Lines of each kind printed before the rest are summed up. */
	static final int MAX_LINES_PER_KIND = 50;

	public CheckReport {
		checkoutsByStatus = new TreeMap<>(checkoutsByStatus);
		endedByReason = new TreeMap<>(endedByReason);
		violations = List.copyOf(violations);
		running = List.copyOf(running);
	}

	/**
	 * @return whether no guarantee is broken and no checkout is still running
	 */
	public boolean ok() {
		return this.violations.isEmpty() && this.running.isEmpty();
	}

	/**
	 * @return the number of checkouts the orchestrator holds
	 */
	public long checkouts() {
		return this.checkoutsByStatus.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * @return the number of violations of each kind
	 */
	public Map<Violation.Kind, Long> violationsByKind() {
		return this.violations.stream()
			.collect(Collectors.groupingBy(Violation::kind, TreeMap::new, Collectors.counting()));
	}

	/**
	 * The report as printed by {@code launcher check}: a summary, every violation (up to
	 * {@value #MAX_LINES_PER_KIND} per kind), every running checkout (as many), then the
	 * verdict.
	 * @return the text, lines separated by {@code \n}
	 */
	public String format() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format("checkouts   %d  %s", checkouts(), counts(this.checkoutsByStatus)));
		lines.add(String.format("reasons     %s", this.endedByReason.isEmpty() ? "-" : counts(this.endedByReason)));
		lines.add(String.format("receipts    %d   ledger entries %d   stock audit %s (%d items, %d operations)",
				this.receipts, this.ledgerEntries, this.audit.ok() ? "ok" : "NOT ok", this.audit.itemsChecked(),
				this.audit.operationsChecked()));
		lines.add(String.format("violations  %d%s", this.violations.size(),
				this.violations.isEmpty() ? "" : "  " + counts(violationsByKind())));
		Map<Violation.Kind, Long> printed = new TreeMap<>();
		for (Violation violation : this.violations) {
			long shown = printed.merge(violation.kind(), 1L, Long::sum);
			if (shown <= MAX_LINES_PER_KIND) {
				lines.add("  " + violation);
			}
			else if (shown == MAX_LINES_PER_KIND + 1) {
				lines.add("  ... and " + (violationsByKind().get(violation.kind()) - MAX_LINES_PER_KIND) + " more "
						+ violation.kind());
			}
		}
		lines.add(String.format("running     %d", this.running.size()));
		this.running.stream()
			.limit(MAX_LINES_PER_KIND)
			.forEach((checkout) -> lines.add("  RUNNING checkout=" + checkout.checkoutId() + " started "
					+ ((checkout.startedAt() != null) ? Instant.ofEpochMilli(checkout.startedAt()) : "?")));
		if (this.running.size() > MAX_LINES_PER_KIND) {
			lines.add("  ... and " + (this.running.size() - MAX_LINES_PER_KIND) + " more RUNNING");
		}
		lines.add(String.format("took        %d ms", this.tookMillis));
		List<String> verdict = new ArrayList<>();
		if (!this.violations.isEmpty()) {
			verdict.add(this.violations.size() + " VIOLATION(S)");
		}
		if (!this.running.isEmpty()) {
			verdict.add(this.running.size() + " STILL RUNNING");
		}
		lines.add("RESULT: " + (verdict.isEmpty() ? "OK" : String.join(", ", verdict)));
		return String.join("\n", lines);
	}

	private static String counts(Map<?, Long> counts) {
		return counts.entrySet()
			.stream()
			.map((count) -> count.getKey() + " " + count.getValue())
			.collect(Collectors.joining(", "));
	}

}
