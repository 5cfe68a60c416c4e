package org.checkoutsaga.bench.cpu;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.bench.cpu.ThreadDump.ThreadCpu;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadDumpTests {

	@Test
	void readsEveryThreadOfARealDumpWithItsFullNameAndCpuTime() {
		List<ThreadCpu> threads = ThreadDumps.afterLoad();

		assertThat(threads).hasSize(257);
		assertThat(threads).contains(new ThreadCpu("group-commit-stock", "#113", 419.32),
				new ThreadCpu("kafka-producer-network-thread | checkout-orchestrator-producer-1", "#241", 126.90),
				new ThreadCpu("GC Thread#0", "nid=0x13a9 GC Thread#0", 1052.91));
	}

	@Test
	void tellsThreadsOfTheSameNameApart() {
		List<String> ids = ThreadDumps.afterLoad()
			.stream()
			.filter((thread) -> thread.name().equals("data-plane-kafka-request-handler-0"))
			.map(ThreadCpu::id)
			.toList();

		assertThat(ids).as("the broker's and the controller's request handlers").containsExactly("#35", "#80");
	}

	@Test
	void readsTheHeaderOfJdk21AndLater() {
		String dump = """
				"ForkJoinPool-1-worker-1" #24 [8035] daemon prio=5 os_prio=0 cpu=3.80ms elapsed=3.25s tid=0x00007fb2e44af090 nid=8035 waiting on condition  [0x00007fb28bbfd000]
				   java.lang.Thread.State: WAITING (parking)
				\tat jdk.internal.misc.Unsafe.park(java.base@25.0.3/Native Method)

				"G1 Refine#0" os_prio=0 cpu=0.08ms elapsed=4.22s tid=0x00007fb2e40886b0 nid=8019 runnable
				""";

		assertThat(ThreadDump.parse(dump)).containsExactly(new ThreadCpu("ForkJoinPool-1-worker-1", "#24", 3.80),
				new ThreadCpu("G1 Refine#0", "nid=8019 G1 Refine#0", 0.08));
	}

}
