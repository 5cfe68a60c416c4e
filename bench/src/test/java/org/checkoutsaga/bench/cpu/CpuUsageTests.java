package org.checkoutsaga.bench.cpu;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.bench.cpu.SuiteCpu.Snapshot;
import org.checkoutsaga.bench.cpu.ThreadDump.ThreadCpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuUsageTests {

	private final SuiteComponents components = SuiteComponents.forPorts(8080, 8081, 8082);

	@Test
	void splitsWhatTheSuiteUsedBetweenTwoRealDumpsByComponent() {
		CpuUsage used = CpuUsage.between(42, this.components, new Snapshot(10_000, ThreadDumps.beforeLoad(), null),
				new Snapshot(24_000, ThreadDumps.afterLoad(), null));

		assertThat(used.processMillis()).isEqualTo(14_000);
		assertThat(used.threadsStarted()).as("threads that came with the load").isEqualTo(48);
		assertThat(used.threadsEnded()).isEmpty();
		assertThat(used.byComponent().values().stream().mapToDouble(Double::doubleValue).sum())
			.as("the components add up to all threads")
			.isCloseTo(used.threadsMillis(), within(1e-6));
		assertThat(used.threadsMillis()).isCloseTo(14_009.76, within(0.01));
		// group-commit-stock 419.32 - 100.83, and its mailboxes
		assertThat(used.byComponent().get("stock")).isCloseTo(451.34, within(0.01));
		assertThat(used.byComponent()).as("components without a thread are left out")
			.doesNotContainKeys("vthread-carriers", "bench-client")
			.containsKeys("kafka-broker", "orchestrator", "http-8080", "jvm-jit", "other");
	}

	@Test
	void countsANewThreadFromZeroAndLosesOneThatEnded() {
		Snapshot before = new Snapshot(1_000, List.of(thread("stock-mailbox-1", "#1", 100), thread("saga-1", "#2", 50)),
				null);
		Snapshot after = new Snapshot(1_400,
				List.of(thread("stock-mailbox-1", "#1", 160), thread("stock-mailbox-2", "#3", 30)), null);

		CpuUsage used = CpuUsage.between(42, this.components, before, after);

		assertThat(used.byComponent()).containsExactly(org.assertj.core.api.Assertions.entry("stock", 90.0));
		assertThat(used.threadsStarted()).isEqualTo(1);
		assertThat(used.threadsEnded()).containsExactly("saga-1");
		assertThat(used.millisPer(10)).as("the process total, which still has the ended thread's time").isEqualTo(40.0);
		assertThat(used.note(10)).isEqualTo("suite cpu=40.000 ms per checkout (process total; by thread: stock 9.000; "
				+ "1 thread(s) ended during the run (saga-1))");
		assertThat(used.lines(10)).containsExactly("suite CPU 40.000 ms per checkout (pid 42, from /proc/42/stat)",
				"  by thread (jcmd Thread.print), 9.000 ms per checkout:", "    stock                 9.000 100.0%",
				"  1 thread(s) ended during the run (saga-1): their CPU is in the total only");
	}

	@Test
	void saysWhyThereIsNoBreakdown() {
		CpuUsage used = CpuUsage.between(42, this.components, new Snapshot(0, null, "no thread dump of pid 42: gone"),
				new Snapshot(500, List.of(), null));

		assertThat(used.byComponent()).isEmpty();
		assertThat(used.millisPer(5)).isEqualTo(100.0);
		assertThat(used.note(5)).isEqualTo(
				"suite cpu=100.000 ms per checkout (process total; no breakdown: no thread dump of pid 42: gone)");
	}

	@Test
	void readsTheProcessCpuTimeFromProcStat() {
		String stat = "4242 (java (suite)) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 0 0 20 0 60 0 100 0";

		assertThat(SuiteCpu.ticks(stat)).as("utime + stime").isEqualTo(1750);
	}

	private static ThreadCpu thread(String name, String id, double cpuMillis) {
		return new ThreadCpu(name, id, cpuMillis);
	}

}
