package org.checkoutsaga.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

import org.jspecify.annotations.Nullable;

import org.checkoutsaga.bench.cpu.SuiteComponents;
import org.checkoutsaga.bench.cpu.SuiteCpu;

/**
 * How long the suite's JIT compilers worked, for the warm-up's {@link JitSettling}: with
 * the suite in this JVM ({@code --in-process}) the compilation time the JVM reports, with
 * the suite in a process of its own the CPU time of its compiler threads, from thread
 * dumps. Either way 100% of a round is one compiler thread busy all round.
 */
interface JitWork {

	/**
	 * @return milliseconds the compilers worked since the previous call (since this was
	 * created, for the first); NaN if unknown
	 */
	double millisSinceLastCall();

	/**
	 * @return what the share is called on the console
	 */
	String label();

	/**
	 * @return this JVM's JIT, null if it does not report its compilation time
	 */
	static @Nullable JitWork ofThisJvm() {
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
			return null;
		}
		return new JitWork() {

			private long last = jit.getTotalCompilationTime();

			@Override
			public double millisSinceLastCall() {
				long now = jit.getTotalCompilationTime();
				long since = now - this.last;
				this.last = now;
				return since;
			}

			@Override
			public String label() {
				return "JIT compiling";
			}

		};
	}

	/**
	 * @param cpu the suite's JVM
	 * @return its compiler threads' CPU time
	 */
	static JitWork ofSuite(SuiteCpu cpu) {
		return new JitWork() {

			private SuiteCpu.Snapshot last = cpu.snapshot();

			@Override
			public double millisSinceLastCall() {
				SuiteCpu.Snapshot now = cpu.snapshot();
				double since = cpu.between(this.last, now).byComponent().getOrDefault(SuiteComponents.JIT, Double.NaN);
				this.last = now;
				return since;
			}

			@Override
			public String label() {
				return "the suite's JIT threads busy";
			}

		};
	}

}
