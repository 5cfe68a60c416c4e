package org.checkoutsaga.bench.report;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The machine and JVM the benchmark runs on.
 *
 * @param host the host name
 * @param os name, version and architecture
 * @param cpus processors the JVM sees
 * @param cpuModel from {@code /proc/cpuinfo} where there is one
 * @param memoryBytes physical memory, 0 if unknown
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param javaVm {@code java.vm.name} and version
 * @param maxHeapBytes this JVM's maximum heap
 * @param garbageCollectors this JVM's collectors, e.g. {@code G1 Young Generation, G1
 * Old Generation}
 */
public record Machine(String host, String os, int cpus, String cpuModel, long memoryBytes, String javaVersion,
		String javaVendor, String javaVm, long maxHeapBytes, String garbageCollectors) {

	/**
	 * @return this machine and JVM
	 */
	public static Machine current() {
		return new Machine(hostName(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				Runtime.getRuntime().availableProcessors(), readCpuModel(), memory(),
				System.getProperty("java.version"), System.getProperty("java.vendor"),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
				Runtime.getRuntime().maxMemory(), garbageCollectorNames());
	}

	/**
	 * @return e.g. {@code 17.0.13 (Eclipse Adoptium)}
	 */
	public String jvm() {
		return this.javaVersion + " (" + this.javaVendor + ")";
	}

	/**
	 * @return the one-minute system load average, negative where unknown
	 */
	public static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static String garbageCollectorNames() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", "));
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String readCpuModel() {
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (!Files.isReadable(cpuinfo)) {
			return "unknown";
		}
		try {
			List<String> lines = Files.readAllLines(cpuinfo);
			return lines.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static long memory() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
			return sun.getTotalMemorySize();
		}
		return 0;
	}

}
