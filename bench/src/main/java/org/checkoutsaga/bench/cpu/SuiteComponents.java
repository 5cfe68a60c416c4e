package org.checkoutsaga.bench.cpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which part of the suite a thread works for, by its name: the table that turns a thread
 * dump of the suite's JVM (the launcher's {@code LocalSuite}: the Kafka broker, three
 * services, the dashboard) into CPU per component. The first pattern that matches the
 * whole name wins; a thread no pattern names is {@value #OTHER}, so the components add up
 * to all threads. The names were read off thread dumps of the running suite on JDK 17 and
 * 25.
 */
public final class SuiteComponents {

	/** Threads no pattern names: shared pools and libraries (e.g. the common pool). */
	public static final String OTHER = "other";

	/** The JIT compilers (and, on JDK 17, the code cache sweeper). */
	public static final String JIT = "jvm-jit";

	private final Map<String, List<Pattern>> table;

	private SuiteComponents(Map<String, List<Pattern>> table) {
		this.table = table;
	}

	/**
	 * The table for a suite whose services listen on these ports: each service's Tomcat
	 * threads ({@code http-nio-<port>-*}) are a component of their own, named
	 * {@code http-<port>}. A port left to the system ({@code 0}) gives no such name:
	 * Tomcat then calls its threads {@code http-nio-auto-<n>-*}, and they count as
	 * {@value #OTHER}.
	 * @param orchestratorPort the orchestrator's HTTP port
	 * @param stockPort the stock service's
	 * @param receiptPort the receipt service's
	 * @return the table
	 */
	public static SuiteComponents forPorts(int orchestratorPort, int stockPort, int receiptPort) {
		Map<String, List<String>> table = new LinkedHashMap<>();
		table.put("kafka-broker", List.of("data-plane-kafka-.*", "kafka-\\d+-.*", "kafka-scheduler-\\d+",
				"kafka-log-cleaner-thread-\\d+", "broker-\\d+-.*", "controller-\\d+-.*", "quorum-controller-.*",
				"raft-.*", "ExpirationReaper-.*", "LogDirFailureHandler", "group-coordinator-.*",
				"share-coordinator-.*", "share-group-lock-timeout-reaper", "executor-.*", "transaction-.*",
				"TxnMarkerSenderThread-\\d+", "AddPartitionsToTxnSenderThread-\\d+", "metadata-.*",
				"metrics-meter-tick-thread-\\d+", "SensorExpiryThread", "client-metrics-reaper",
				"PersisterStateManager", "persister-state-manager-reaper", "network-partition-metadata-client-reaper"));
		// the orchestrator's Kafka clients (client id checkout-orchestrator-*), its
		// KafkaAdmin, and the JDK HttpClient it calls stock and receipt with
		table.put("orchestrator",
				List.of("group-commit-saga-history", "saga-.*", "checkout-events-.*", "checkout-answers-.*",
						"outcome-publisher-.*", ".* \\| checkout-orchestrator.*", "kafka-admin-client-thread \\| .*",
						"micrometer-kafka-metrics", "HttpClient-\\d+-.*"));
		table.put(http(orchestratorPort), List.of(tomcat(orchestratorPort)));
		table.put("stock", List.of("group-commit-stock", "stock-mailbox-.*"));
		table.put(http(stockPort), List.of(tomcat(stockPort)));
		// task-*: Spring's applicationTaskExecutor, which only the receipt service uses
		// (the orchestrator's runs on virtual threads on JDK 21 and later)
		table.put("receipt", List.of("group-commit-receipts", "task-\\d+"));
		table.put(http(receiptPort), List.of(tomcat(receiptPort)));
		// JDK 21 and later: the carriers of the virtual threads, which only the
		// orchestrator enables (spring.threads.virtual.enabled): its Tomcat requests and
		// whatever else Spring runs on virtual threads there
		table.put("vthread-carriers",
				List.of("ForkJoinPool-\\d+-worker-\\d+", "ForkJoinPool-\\d+-delayScheduler", "VirtualThread-.*"));
		// Spring Boot Admin on 127.0.0.1 (Tomcat names its threads with the address) and
		// its reactive HTTP client polling the services
		table.put("dashboard",
				List.of("http-nio-127\\.0\\.0\\.1-\\d+-.*", "reactor-http-.*", "parallel-\\d+", "boundedElastic-.*",
						"(Info|Status)UpdateTrigger-\\d+", "EndpointDetectionTrigger-\\d+",
						"CookieStoreCleanupTrigger-\\d+", "(status|info)-check-\\d+"));
		table.put("jvm-gc", List.of("GC Thread#\\d+", "G1 .*", "VM Thread",
				"Z(Driver|Director|Stat|Unmapper|Uncommitter|Worker|RuntimeWorkers).*", "Shenandoah.*"));
		table.put(JIT, List.of("C[12] CompilerThread\\d+", "Sweeper thread"));
		// the VM's housekeeping; Attach Listener is the thread dumps themselves
		table.put("jvm-runtime",
				List.of("VM Periodic Task Thread", "Service Thread", "Monitor Deflation Thread", "Reference Handler",
						"Finalizer", "Common-Cleaner", "Signal Dispatcher", "Notification Thread", "Attach Listener"));
		// only with --in-process: the load generator shares the suite's JVM
		table.put("bench-client", List.of("bench-.*", ".* \\| bench-.*"));
		Map<String, List<Pattern>> compiled = new LinkedHashMap<>();
		table.forEach((name, patterns) -> compiled.put(name, patterns.stream().map(Pattern::compile).toList()));
		return new SuiteComponents(compiled);
	}

	/**
	 * @param threadName a thread's full name
	 * @return the component it works for, {@value #OTHER} if none matches
	 */
	public String of(String threadName) {
		for (Map.Entry<String, List<Pattern>> component : this.table.entrySet()) {
			for (Pattern pattern : component.getValue()) {
				if (pattern.matcher(threadName).matches()) {
					return component.getKey();
				}
			}
		}
		return OTHER;
	}

	/**
	 * @return every component, in the table's order, {@value #OTHER} last
	 */
	public List<String> names() {
		List<String> names = new ArrayList<>(this.table.keySet());
		names.add(OTHER);
		return names;
	}

	private static String http(int port) {
		return "http-" + port;
	}

	private static String tomcat(int port) {
		return "http-nio-" + port + "-.*";
	}

}
