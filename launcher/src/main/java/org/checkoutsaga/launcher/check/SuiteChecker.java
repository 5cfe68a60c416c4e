package org.checkoutsaga.launcher.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.checkoutsaga.launcher.check.Violation.Kind;

/**
 * Checks the guarantees that span the three services against what they hold (see
 * {@link SuiteSnapshot}):
 * <ul>
 * <li>exactly one receipt per COMPLETED checkout, none for any other;</li>
 * <li>the stock movements of a REJECTED checkout net to zero per item, those of a
 * COMPLETED one equal its quantities;</li>
 * <li>no stock movement and no receipt without a checkout;</li>
 * <li>the stock service's own audit is clean;</li>
 * <li>no checkout is still RUNNING (reported apart from the violations).</li>
 * </ul>
 * Meant for a suite at rest: a checkout still running is listed, never judged.
 */
public final class SuiteChecker {

	private static final int FETCH_THREADS = 8;

	private final SuiteReader reader;

	public SuiteChecker(SuiteReader reader) {
		this.reader = reader;
	}

	/**
	 * Read the services and check them, asking the orchestrator for the items of each
	 * completed checkout.
	 * @return the report
	 */
	public CheckReport check() {
		return check(Map.of());
	}

	/**
	 * Read the services and check them.
	 * @param knownItems items of checkouts the caller submitted itself (units by item
	 * id), so they need not be asked for; the others are read from the orchestrator
	 * @return the report
	 */
	public CheckReport check(Map<String, Map<String, Integer>> knownItems) {
		long startedAt = System.nanoTime();
		SuiteSnapshot snapshot = this.reader.read();
		Map<String, Map<String, Integer>> items = itemsOfCompleted(snapshot, knownItems);
		return evaluate(snapshot, items, (System.nanoTime() - startedAt) / 1_000_000);
	}

	/**
	 * Check a snapshot read already.
	 * @param snapshot what the services hold
	 * @param knownItems items of checkouts the caller submitted itself; the others are
	 * read from the orchestrator
	 * @return the report
	 */
	public CheckReport check(SuiteSnapshot snapshot, Map<String, Map<String, Integer>> knownItems) {
		long startedAt = System.nanoTime();
		Map<String, Map<String, Integer>> items = itemsOfCompleted(snapshot, knownItems);
		return evaluate(snapshot, items, (System.nanoTime() - startedAt) / 1_000_000);
	}

	/**
	 * Judge a snapshot.
	 * @param snapshot what the services hold
	 * @param itemsOfCompleted units by item id of each COMPLETED checkout; a COMPLETED
	 * checkout missing here is reported as unreadable
	 * @param tookMillis how long reading took, for the report
	 * @return the report
	 */
	public static CheckReport evaluate(SuiteSnapshot snapshot, Map<String, Map<String, Integer>> itemsOfCompleted,
			long tookMillis) {
		List<Violation> violations = new ArrayList<>();
		Map<String, SuiteSnapshot.Checkout> checkouts = new LinkedHashMap<>();
		snapshot.checkouts().forEach((checkout) -> checkouts.put(checkout.checkoutId(), checkout));
		checkReceipts(snapshot, checkouts, violations);
		checkStockMovements(snapshot, checkouts, itemsOfCompleted, violations);
		checkouts.values()
			.stream()
			.filter(SuiteSnapshot.Checkout::isCompensationFailed)
			.forEach((checkout) -> violations.add(new Violation(Kind.COMPENSATION_FAILED, checkout.checkoutId(), null,
					"ended COMPENSATION_FAILED" + reasonText(checkout) + ": its stock may not be restored")));
		SuiteSnapshot.Audit audit = snapshot.audit();
		audit.violations()
			.forEach((violation) -> violations
				.add(new Violation(Kind.STOCK_AUDIT, checkoutOf(violation.operationId()), violation.itemId(), violation
					.problem()
						+ ((violation.operationId() != null) ? " (operation " + violation.operationId() + ")" : ""))));
		if (!audit.ok() && audit.violations().isEmpty()) {
			violations.add(new Violation(Kind.STOCK_AUDIT, null, null, "the audit is not ok but names no violation"));
		}
		violations.sort(Comparator.comparing(Violation::kind)
			.thenComparing(Violation::checkoutId, Comparator.nullsFirst(Comparator.naturalOrder()))
			.thenComparing(Violation::itemId, Comparator.nullsFirst(Comparator.naturalOrder())));
		List<SuiteSnapshot.Checkout> running = checkouts.values()
			.stream()
			.filter(SuiteSnapshot.Checkout::isRunning)
			.sorted(Comparator.comparing(SuiteSnapshot.Checkout::checkoutId))
			.toList();
		return new CheckReport(countBy(checkouts.values(), SuiteSnapshot.Checkout::status),
				countBy(checkouts.values().stream().filter((c) -> !c.isRunning() && c.reason() != null).toList(),
						SuiteSnapshot.Checkout::reason),
				snapshot.receipts().size(), snapshot.ledger().size(), audit, violations, running, tookMillis);
	}

	private static void checkReceipts(SuiteSnapshot snapshot, Map<String, SuiteSnapshot.Checkout> checkouts,
			List<Violation> violations) {
		Map<String, List<String>> receiptsByCheckout = new HashMap<>();
		snapshot.receipts()
			.forEach((receipt) -> receiptsByCheckout.computeIfAbsent(receipt.checkoutId(), (id) -> new ArrayList<>())
				.add(receipt.receiptId()));
		for (Map.Entry<String, List<String>> receipts : new TreeMap<>(receiptsByCheckout).entrySet()) {
			String checkoutId = receipts.getKey();
			SuiteSnapshot.Checkout checkout = checkouts.get(checkoutId);
			if (receipts.getValue().size() > 1) {
				violations.add(new Violation(Kind.DUPLICATE_RECEIPT, checkoutId, null,
						receipts.getValue().size() + " receipts: " + receipts.getValue()));
			}
			if (checkout == null) {
				violations.add(new Violation(Kind.RECEIPT_WITHOUT_CHECKOUT, checkoutId, null,
						"receipt " + receipts.getValue() + " for a checkout the orchestrator does not know"));
			}
			else if (checkout.isRejected() || checkout.isCompensationFailed()) {
				violations
					.add(new Violation(Kind.RECEIPT_NOT_COMPLETED, checkoutId, null, "receipt " + receipts.getValue()
							+ " for a checkout that ended " + checkout.status() + reasonText(checkout)));
			}
		}
		checkouts.values()
			.stream()
			.filter((checkout) -> checkout.isCompleted() && !receiptsByCheckout.containsKey(checkout.checkoutId()))
			.forEach((checkout) -> violations
				.add(new Violation(Kind.MISSING_RECEIPT, checkout.checkoutId(), null, "COMPLETED without a receipt")));
		if (snapshot.receiptCount() != snapshot.receipts().size()) {
			violations.add(new Violation(Kind.RECEIPT_COUNT_MISMATCH, null, null, "GET /receipts/count says "
					+ snapshot.receiptCount() + ", GET /receipts lists " + snapshot.receipts().size()));
		}
	}

	private static void checkStockMovements(SuiteSnapshot snapshot, Map<String, SuiteSnapshot.Checkout> checkouts,
			Map<String, Map<String, Integer>> itemsOfCompleted, List<Violation> violations) {
		// net change per checkout and item, from the saga's operations only
		Map<String, Map<String, Long>> moved = new HashMap<>();
		for (SuiteSnapshot.LedgerEntry entry : snapshot.ledger()) {
			String checkoutId = entry.checkoutId();
			if (checkoutId != null) {
				moved.computeIfAbsent(checkoutId, (id) -> new TreeMap<>())
					.merge(entry.itemId(), entry.delta(), Long::sum);
			}
		}
		for (String checkoutId : new TreeSet<>(moved.keySet())) {
			if (!checkouts.containsKey(checkoutId)) {
				moved.get(checkoutId)
					.entrySet()
					.stream()
					.filter((item) -> item.getValue() != 0)
					.forEach((item) -> violations.add(new Violation(Kind.OPERATION_WITHOUT_CHECKOUT, checkoutId,
							item.getKey(),
							"stock moved by " + item.getValue() + " for a checkout the orchestrator does not know")));
			}
		}
		for (SuiteSnapshot.Checkout checkout : checkouts.values()) {
			Map<String, Long> net = moved.getOrDefault(checkout.checkoutId(), Map.of());
			if (checkout.isRejected()) {
				net.forEach((itemId, change) -> {
					if (change != 0) {
						violations.add(new Violation(Kind.STOCK_NOT_RESTORED, checkout.checkoutId(), itemId, "REJECTED"
								+ reasonText(checkout) + " but its operations moved the stock by " + change));
					}
				});
			}
			else if (checkout.isCompleted()) {
				Map<String, Integer> items = itemsOfCompleted.get(checkout.checkoutId());
				if (items == null) {
					violations.add(new Violation(Kind.CHECKOUT_UNREADABLE, checkout.checkoutId(), null,
							"COMPLETED, but its items could not be read"));
					continue;
				}
				Set<String> itemIds = new TreeSet<>(items.keySet());
				itemIds.addAll(net.keySet());
				for (String itemId : itemIds) {
					long expected = -items.getOrDefault(itemId, 0);
					long actual = net.getOrDefault(itemId, 0L);
					if (actual != expected) {
						violations.add(new Violation(Kind.STOCK_MOVEMENT_MISMATCH, checkout.checkoutId(), itemId,
								"COMPLETED with quantity " + items.getOrDefault(itemId, 0)
										+ " but its operations moved the stock by " + actual + " (expected " + expected
										+ ")"));
					}
				}
			}
		}
	}

	private Map<String, Map<String, Integer>> itemsOfCompleted(SuiteSnapshot snapshot,
			Map<String, Map<String, Integer>> knownItems) {
		Map<String, Map<String, Integer>> items = new ConcurrentHashMap<>();
		List<String> unknown = new ArrayList<>();
		for (SuiteSnapshot.Checkout checkout : snapshot.checkouts()) {
			if (checkout.isCompleted()) {
				Map<String, Integer> known = knownItems.get(checkout.checkoutId());
				if (known != null) {
					items.put(checkout.checkoutId(), known);
				}
				else {
					unknown.add(checkout.checkoutId());
				}
			}
		}
		if (unknown.isEmpty()) {
			return items;
		}
		ExecutorService fetching = Executors.newFixedThreadPool(FETCH_THREADS);
		try {
			List<Future<?>> fetches = new ArrayList<>();
			for (String checkoutId : unknown) {
				fetches.add(fetching.submit(() -> {
					Optional<Map<String, Integer>> found = this.reader.items(checkoutId);
					found.ifPresent((quantities) -> items.put(checkoutId, quantities));
				}));
			}
			for (Future<?> fetch : fetches) {
				fetch.get();
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted reading checkouts", ex);
		}
		finally {
			fetching.shutdownNow();
		}
		return items;
	}

	private static <T> Map<String, Long> countBy(Iterable<T> rows, Function<T, String> key) {
		Map<String, Long> counts = new TreeMap<>();
		rows.forEach((row) -> counts.merge(String.valueOf(key.apply(row)), 1L, Long::sum));
		return counts;
	}

	private static String reasonText(SuiteSnapshot.Checkout checkout) {
		return (checkout.reason() != null) ? " (" + checkout.reason() + ")" : "";
	}

	private static String checkoutOf(String operationId) {
		if (operationId == null) {
			return null;
		}
		int slash = operationId.indexOf('/');
		return (slash > 0) ? operationId.substring(0, slash) : null;
	}

}
