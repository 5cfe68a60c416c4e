package org.checkoutsaga.bench.cpu;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.bench.cpu.ThreadDump.ThreadCpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SuiteComponentsTests {

	private final SuiteComponents components = SuiteComponents.forPorts(8080, 8081, 8082);

	@Test
	void namesTheComponentOfEachKindOfThreadInARealDumpOfTheSuite() {
		Map<String, String> componentOf = new TreeMap<>();
		ThreadDumps.afterLoad().forEach((thread) -> componentOf.put(thread.name(), this.components.of(thread.name())));

		assertThat(componentOf).contains(entry("data-plane-kafka-request-handler-0", "kafka-broker"),
				entry("kafka-1-raft-io-thread", "kafka-broker"),
				entry("quorum-controller-1-event-handler", "kafka-broker"),
				entry("group-coordinator-event-processor-0", "kafka-broker"),
				entry("ExpirationReaper-1-Produce", "kafka-broker"), entry("group-commit-saga-history", "orchestrator"),
				entry("saga-1", "orchestrator"), entry("checkout-events-0-C-1", "orchestrator"),
				entry("outcome-publisher-1", "orchestrator"),
				entry("kafka-producer-network-thread | checkout-orchestrator-producer-1", "orchestrator"),
				entry("kafka-coordinator-heartbeat-thread | checkout-orchestrator", "orchestrator"),
				entry("HttpClient-1-Worker-0", "orchestrator"), entry("http-nio-8080-exec-1", "http-8080"),
				entry("group-commit-stock", "stock"), entry("stock-mailbox-1", "stock"),
				entry("http-nio-8081-exec-1", "http-8081"), entry("group-commit-receipts", "receipt"),
				entry("task-1", "receipt"), entry("http-nio-8082-Poller", "http-8082"),
				entry("http-nio-127.0.0.1-8090-exec-1", "dashboard"), entry("reactor-http-epoll-1", "dashboard"),
				entry("GC Thread#0", "jvm-gc"), entry("G1 Conc#0", "jvm-gc"), entry("VM Thread", "jvm-gc"),
				entry("C2 CompilerThread0", "jvm-jit"), entry("C1 CompilerThread0", "jvm-jit"),
				entry("Attach Listener", "jvm-runtime"));
	}

	@Test
	void leavesOnlyThePoolsTheServicesShareToOther() {
		Set<String> other = ThreadDumps.afterLoad()
			.stream()
			.map(ThreadCpu::name)
			.filter((name) -> this.components.of(name).equals(SuiteComponents.OTHER))
			.map((name) -> name.replaceAll("\\d+", "N"))
			.collect(Collectors.toCollection(TreeSet::new));

		assertThat(other).containsExactly("BatchLogRecordProcessor_WorkerThread-N", "BatchSpanProcessor_WorkerThread-N",
				"Catalina-utility-N", "Cleaner-N", "CompletableFutureDelayScheduler", "DestroyJavaVM",
				"ForkJoinPool.commonPool-worker-N", "HikariPool-N:housekeeper", "ThreadPoolTaskScheduler-N",
				"container-N", "prometheus-metrics-scheduler-N");
	}

	@Test
	void namesEachServicesTomcatByItsPort() {
		SuiteComponents freePorts = SuiteComponents.forPorts(40001, 40002, 40003);

		assertThat(freePorts.of("http-nio-40002-exec-7")).isEqualTo("http-40002");
		assertThat(freePorts.of("http-nio-8080-exec-1")).as("no service of this suite").isEqualTo("other");
		assertThat(freePorts.names())
			.containsSubsequence("orchestrator", "http-40001", "stock", "http-40002", "receipt", "http-40003")
			.endsWith("other");
	}

	@Test
	void namesTheVirtualThreadCarriersAndTheLoadGeneratorInThisJvm() {
		assertThat(this.components.of("ForkJoinPool-1-worker-3")).isEqualTo("vthread-carriers");
		assertThat(this.components.of("ForkJoinPool.commonPool-worker-1")).isEqualTo("other");
		assertThat(this.components.of("kafka-producer-network-thread | bench-load")).isEqualTo("bench-client");
		assertThat(this.components.of("bench-outcomes")).isEqualTo("bench-client");
	}

}
