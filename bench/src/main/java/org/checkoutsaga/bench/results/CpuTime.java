package org.checkoutsaga.bench.results;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * CPU time this JVM used: all of it, and the part its Java threads used (the rest is the
 * JIT compilers, the garbage collector and the VM's own threads). With the suite in the
 * benchmark's JVM, CPU time per checkout says what a run cost more steadily than its
 * throughput on a shared machine, where the same run's throughput varies by a fifth from
 * one minute to the next. The Java threads' part is approximate: a thread that ends
 * during a run takes its time with it.
 *
 * @param processNanos CPU time of the whole JVM
 * @param javaThreadsNanos CPU time of its live Java threads
 */
public record CpuTime(long processNanos, long javaThreadsNanos) {

	/**
	 * @return the CPU time used so far, or null if this JVM does not measure it
	 */
	public static @Nullable CpuTime now() {
		if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				|| !(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
				|| !threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
			return null;
		}
		long process = os.getProcessCpuTime();
		if (process < 0) {
			return null;
		}
		// -1 for a thread that ended since it was listed
		long javaThreads = Arrays.stream(threads.getThreadCpuTime(threads.getAllThreadIds()))
			.filter((nanos) -> nanos > 0)
			.sum();
		return new CpuTime(process, javaThreads);
	}

	/**
	 * @param earlier a measurement taken before this one
	 * @return the CPU time used between the two
	 */
	public CpuTime since(CpuTime earlier) {
		return new CpuTime(this.processNanos - earlier.processNanos, this.javaThreadsNanos - earlier.javaThreadsNanos);
	}

	/**
	 * @param checkouts how many checkouts the time was spent on
	 * @return milliseconds of CPU per checkout
	 */
	public double millisPer(int checkouts) {
		return (checkouts > 0) ? this.processNanos / 1e6 / checkouts : 0;
	}

	/**
	 * @param checkouts how many checkouts the time was spent on
	 * @return milliseconds of the Java threads' CPU per checkout
	 */
	public double javaThreadsMillisPer(int checkouts) {
		return (checkouts > 0) ? this.javaThreadsNanos / 1e6 / checkouts : 0;
	}

	/**
	 * @param checkouts how many checkouts the time was spent on
	 * @return e.g. {@code cpu=0.72 ms per checkout (Java threads 0.55)}
	 */
	public String describePer(int checkouts) {
		return String.format(Locale.ROOT, "cpu=%.3f ms per checkout (Java threads %.3f)", millisPer(checkouts),
				javaThreadsMillisPer(checkouts));
	}

}
