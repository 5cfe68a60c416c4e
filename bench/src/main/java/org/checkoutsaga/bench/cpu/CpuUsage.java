package org.checkoutsaga.bench.cpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.checkoutsaga.bench.cpu.SuiteCpu.Snapshot;
import org.checkoutsaga.bench.cpu.ThreadDump.ThreadCpu;

/**
 * The CPU time the suite's JVM used during a run: the process total and, from its
 * threads, the part of each component. Per checkout, it says what a run cost more
 * steadily than its throughput on a shared machine, where the same run's throughput
 * varies by a fifth from one minute to the next.
 *
 * @param pid the suite's JVM
 * @param processMillis user + system CPU time of the whole process, -1 where unknown
 * @param threadsMillis what the threads of the later thread dump used, the sum of
 * {@code byComponent}; 0 without thread dumps
 * @param byComponent milliseconds per component in the table's order, those with a thread
 * in the later dump only; empty without thread dumps
 * @param threadsStarted threads in the later dump only (counted from 0)
 * @param threadsEnded names of the threads of the earlier dump gone by the later one
 * (their time is in the process total only)
 * @param problem why there is no breakdown, null if there is one
 */
public record CpuUsage(long pid, double processMillis, double threadsMillis, Map<String, Double> byComponent,
		int threadsStarted, List<String> threadsEnded, @Nullable String problem) {

	public CpuUsage {
		byComponent = Collections.unmodifiableMap(new LinkedHashMap<>(byComponent));
		threadsEnded = List.copyOf(threadsEnded);
	}

	static CpuUsage between(long pid, SuiteComponents components, Snapshot before, Snapshot after) {
		double process = (before.processMillis() >= 0 && after.processMillis() >= 0)
				? after.processMillis() - before.processMillis() : -1;
		if (before.threads() == null || after.threads() == null) {
			String problem = (before.problem() != null) ? before.problem() : after.problem();
			return new CpuUsage(pid, process, 0, Map.of(), 0, List.of(), problem);
		}
		Map<String, ThreadCpu> earlier = before.threads()
			.stream()
			.collect(Collectors.toMap(ThreadCpu::id, Function.identity(), (a, b) -> b));
		Map<String, Double> used = new HashMap<>();
		int started = 0;
		double total = 0;
		for (ThreadCpu thread : after.threads()) {
			ThreadCpu then = earlier.remove(thread.id());
			if (then == null) {
				started++;
			}
			double cpu = Math.max(0, thread.cpuMillis() - ((then != null) ? then.cpuMillis() : 0));
			used.merge(components.of(thread.name()), cpu, Double::sum);
			total += cpu;
		}
		Map<String, Double> byComponent = new LinkedHashMap<>();
		components.names().stream().filter(used::containsKey).forEach((name) -> byComponent.put(name, used.get(name)));
		List<String> ended = earlier.values().stream().map(ThreadCpu::name).toList();
		return new CpuUsage(pid, process, total, byComponent, started, ended, null);
	}

	/**
	 * @param checkouts the checkouts that ended in the run
	 * @return the process total per checkout (the threads' sum where the total is
	 * unknown), 0 for no checkouts
	 */
	public double millisPer(int checkouts) {
		return (checkouts > 0) ? ((this.processMillis >= 0) ? this.processMillis : this.threadsMillis) / checkouts : 0;
	}

	/**
	 * @param checkouts the checkouts that ended in the run
	 * @return milliseconds per checkout of each component, in the table's order
	 */
	public Map<String, Double> perCheckout(int checkouts) {
		Map<String, Double> per = new LinkedHashMap<>();
		this.byComponent.forEach((name, millis) -> per.put(name, (checkouts > 0) ? millis / checkouts : 0));
		return per;
	}

	/**
	 * @param checkouts the checkouts that ended in the run
	 * @return the JSON notes' part, e.g. {@code suite cpu=2.104 ms per checkout (process
	 * total; by thread: kafka-broker 0.512, orchestrator 0.610, ...)}
	 */
	public String note(int checkouts) {
		String total = String.format(Locale.ROOT, "suite cpu=%.3f ms per checkout (%s", millisPer(checkouts),
				(this.processMillis >= 0) ? "process total" : "sum of its threads");
		if (this.problem != null) {
			return total + "; no breakdown: " + this.problem + ")";
		}
		List<String> parts = new ArrayList<>();
		perCheckout(checkouts).forEach((name, millis) -> {
			if (millis >= 0.0005) {
				parts.add(String.format(Locale.ROOT, "%s %.3f", name, millis));
			}
		});
		return total + "; by thread: " + String.join(", ", parts) + ended() + ")";
	}

	/**
	 * @param checkouts the checkouts that ended in the run
	 * @return lines for the console: the total, then one per component
	 */
	public List<String> lines(int checkouts) {
		List<String> lines = new ArrayList<>();
		String source = (this.processMillis >= 0) ? "/proc/" + this.pid + "/stat" : "its threads";
		lines.add(String.format(Locale.ROOT, "suite CPU %.3f ms per checkout (pid %d, from %s)", millisPer(checkouts),
				this.pid, source));
		if (this.problem != null) {
			lines.add("  no breakdown by component: " + this.problem);
			return lines;
		}
		double threads = (checkouts > 0) ? this.threadsMillis / checkouts : 0;
		lines.add(String.format(Locale.ROOT, "  by thread (jcmd Thread.print), %.3f ms per checkout:", threads));
		perCheckout(checkouts).forEach((name, millis) -> lines.add(String.format(Locale.ROOT, "    %-18s %8.3f %5.1f%%",
				name, millis, (threads > 0) ? 100 * millis / threads : 0)));
		if (!this.threadsEnded.isEmpty()) {
			lines.add("  " + ended().substring(2) + ": their CPU is in the total only");
		}
		return lines;
	}

	/**
	 * @param checkouts the checkouts that ended in the run
	 * @return the breakdown as a Markdown table
	 */
	public String markdown(int checkouts) {
		StringBuilder md = new StringBuilder();
		md.append(String.format(Locale.ROOT, "The suite's JVM (pid %d): %.3f ms of CPU per checkout (%s)", this.pid,
				millisPer(checkouts), (this.processMillis >= 0) ? "process total" : "sum of its threads"));
		if (this.problem != null) {
			return md.append("; no breakdown: ").append(this.problem).append(".\n").toString();
		}
		md.append(String.format(Locale.ROOT, "; its threads %.3f ms%s.%n%n",
				this.threadsMillis / Math.max(1, checkouts), ended()));
		md.append("| component | CPU ms per checkout |\n|---|---:|\n");
		perCheckout(checkouts)
			.forEach((name, millis) -> md.append(String.format(Locale.ROOT, "| %s | %.3f |%n", name, millis)));
		return md.toString();
	}

	private String ended() {
		if (this.threadsEnded.isEmpty()) {
			return "";
		}
		List<String> names = this.threadsEnded.subList(0, Math.min(5, this.threadsEnded.size()));
		return "; " + this.threadsEnded.size() + " thread(s) ended during the run (" + String.join(", ", names)
				+ ((this.threadsEnded.size() > names.size()) ? ", ..." : "") + ")";
	}

}
