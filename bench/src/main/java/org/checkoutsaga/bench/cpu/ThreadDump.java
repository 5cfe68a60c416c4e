package org.checkoutsaga.bench.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The threads of a HotSpot JVM and the CPU time each has used, from
 * {@code jcmd <pid> Thread.print}: every thread's header line carries its full name and
 * {@code cpu=<ms>ms}, Java threads ({@code "name" #12 daemon prio=5 ... cpu=3.2ms ...})
 * and the VM's own (GC, compiler, VM thread) alike. Stack frames are skipped.
 */
public final class ThreadDump {

	/**
	 * A header line: the name in quotes, then (Java threads) {@code #<id>}, then
	 * {@code cpu=} and {@code nid=} (hex on JDK 17, decimal on JDK 19 and later).
	 */
	private static final Pattern HEADER = Pattern
		.compile("^\"(.*)\" (?:#(\\d+) )?.*?\\bcpu=([0-9.]+)ms\\b.*?\\bnid=(\\S+)");

	private static final long TIMEOUT_SECONDS = 60;

	private ThreadDump() {
	}

	/**
	 * Read a thread dump.
	 * @param text the output of {@code jcmd <pid> Thread.print}
	 * @return every thread with a CPU time, in the order printed
	 */
	public static List<ThreadCpu> parse(String text) {
		List<ThreadCpu> threads = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (!line.startsWith("\"")) {
				continue;
			}
			Matcher header = HEADER.matcher(line);
			if (header.find()) {
				String name = header.group(1);
				// a Java thread's id is never reused; the VM's threads have only their OS
				// id
				String id = (header.group(2) != null) ? "#" + header.group(2) : "nid=" + header.group(4) + " " + name;
				threads.add(new ThreadCpu(name, id, Double.parseDouble(header.group(3))));
			}
		}
		return threads;
	}

	/**
	 * Take a thread dump of a JVM with the {@code jcmd} of the JDK this benchmark runs
	 * on.
	 * @param pid the JVM's process id
	 * @return its threads
	 * @throws IllegalStateException if {@code jcmd} fails (no such JVM, attach disabled)
	 */
	public static List<ThreadCpu> take(long pid) {
		String text = jcmd(pid, "Thread.print");
		List<ThreadCpu> threads = parse(text);
		if (threads.isEmpty()) {
			throw new IllegalStateException("jcmd " + pid + " Thread.print listed no thread CPU times: "
					+ text.substring(0, Math.min(300, text.length())));
		}
		return threads;
	}

	/**
	 * Run a diagnostic command in another JVM.
	 * @param pid the JVM's process id
	 * @param command e.g. {@code VM.version}
	 * @return what it printed
	 * @throws IllegalStateException if {@code jcmd} fails
	 */
	public static String jcmd(long pid, String command) {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		try {
			Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(jcmd + " " + pid + " " + command + " did not finish");
			}
			String text = new String(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(jcmd + " " + pid + " " + command + " failed with status "
						+ process.exitValue() + ": " + text.strip());
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + jcmd, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + jcmd, ex);
		}
	}

	/**
	 * One thread and the CPU time it has used since it started.
	 *
	 * @param name its full name
	 * @param id what tells it from another thread of the same name, for as long as it
	 * lives
	 * @param cpuMillis its CPU time, user and system
	 */
	public record ThreadCpu(String name, String id, double cpuMillis) {
	}

}
