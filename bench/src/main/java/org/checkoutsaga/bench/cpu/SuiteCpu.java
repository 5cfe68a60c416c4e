package org.checkoutsaga.bench.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.checkoutsaga.bench.cpu.ThreadDump.ThreadCpu;

/**
 * The CPU time of the suite's JVM, seen from outside: the process total from
 * {@code /proc/<pid>/stat} (user + system, in clock ticks) and every thread's own from a
 * thread dump ({@code jcmd <pid> Thread.print}). Two snapshots around a run give what the
 * run cost, in total and per {@link SuiteComponents component}.
 * <p>
 * The process total is read right after each thread dump, so that both cover nearly the
 * same time: {@code jcmd} takes a few hundred milliseconds to start, and meanwhile the
 * suite works on (its JIT compilers, for one). A thread dump costs the suite a little CPU
 * itself (a safepoint, the attach listener printing every stack), counted in
 * {@code jvm-runtime} and {@code jvm-gc}.
 */
public final class SuiteCpu {

	private static final long DEFAULT_TICKS_PER_SECOND = 100;

	private final long pid;

	private final SuiteComponents components;

	private final long ticksPerSecond;

	private SuiteCpu(long pid, SuiteComponents components, long ticksPerSecond) {
		this.pid = pid;
		this.components = components;
		this.ticksPerSecond = ticksPerSecond;
	}

	/**
	 * @param pid the suite's JVM
	 * @param components how its threads are grouped
	 * @return the meter
	 */
	public static SuiteCpu of(long pid, SuiteComponents components) {
		return new SuiteCpu(pid, components, clockTicksPerSecond());
	}

	public long pid() {
		return this.pid;
	}

	/**
	 * @return every thread's CPU time, then the process total
	 */
	public Snapshot snapshot() {
		Dump dump = dump();
		return new Snapshot(processMillis(), dump.threads(), dump.problem());
	}

	/**
	 * What the suite used between two snapshots. A thread that exists only in the later
	 * one counts from 0; one that is gone by then took its time with it (the process
	 * total still has it).
	 * @param before the earlier snapshot
	 * @param after the later one
	 * @return the CPU time used in between
	 */
	public CpuUsage between(Snapshot before, Snapshot after) {
		return CpuUsage.between(this.pid, this.components, before, after);
	}

	private Dump dump() {
		try {
			return new Dump(ThreadDump.take(this.pid), null);
		}
		catch (RuntimeException ex) {
			return new Dump(null, "no thread dump of pid " + this.pid + ": " + ex.getMessage());
		}
	}

	/**
	 * @return user + system CPU time of the whole process, -1 where {@code /proc} is
	 * missing
	 */
	private double processMillis() {
		Path stat = Path.of("/proc", Long.toString(this.pid), "stat");
		if (!Files.isReadable(stat)) {
			return -1;
		}
		try {
			return ticks(Files.readString(stat)) * 1000.0 / this.ticksPerSecond;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param stat the content of {@code /proc/<pid>/stat}
	 * @return its utime + stime (fields 14 and 15), in clock ticks
	 */
	static long ticks(String stat) {
		// the command name (field 2) is in parentheses and may contain spaces
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		// fields[0] is field 3 (the state)
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static long clockTicksPerSecond() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
			if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
				return Long.parseLong(output);
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the usual value on Linux
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return DEFAULT_TICKS_PER_SECOND;
	}

	/**
	 * What the suite's JVM had used at one moment.
	 *
	 * @param processMillis user + system CPU time of the process, -1 where unknown
	 * @param threads every thread's CPU time, null if the dump failed
	 * @param problem why the threads are missing, null if they are there
	 */
	public record Snapshot(double processMillis, @Nullable List<ThreadCpu> threads, @Nullable String problem) {
	}

	private record Dump(@Nullable List<ThreadCpu> threads, @Nullable String problem) {
	}

}
