package org.checkoutsaga.bench.results;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuTimeTests {

	@Test
	void measuresTheCpuTimeThisJvmSpendsBetweenTwoMeasurements() {
		CpuTime before = CpuTime.now();
		assertThat(before).as("HotSpot measures process and thread CPU time").isNotNull();
		ThreadMXBean thread = ManagementFactory.getThreadMXBean();
		long spinUntil = thread.getCurrentThreadCpuTime() + 50_000_000;
		while (thread.getCurrentThreadCpuTime() < spinUntil) {
			Thread.onSpinWait();
		}
		CpuTime used = CpuTime.now().since(before);
		assertThat(used.javaThreadsNanos()).as("this thread spun for 50 ms of CPU").isGreaterThanOrEqualTo(50_000_000);
		assertThat(used.processNanos()).as("the whole JVM, this thread included").isGreaterThanOrEqualTo(45_000_000);
	}

	@Test
	void dividesByTheCheckouts() {
		CpuTime used = new CpuTime(3_000_000, 2_000_000);
		assertThat(used.millisPer(4)).isEqualTo(0.75);
		assertThat(used.javaThreadsMillisPer(4)).isEqualTo(0.5);
		assertThat(used.describePer(4)).isEqualTo("cpu=0.750 ms per checkout (Java threads 0.500)");
		assertThat(used.millisPer(0)).isZero();
	}

}
