package org.checkoutsaga.bench.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.checkoutsaga.bench.cpu.ThreadDump.ThreadCpu;

/**
 * Real thread dumps of the suite ({@code jcmd <pid> Thread.print} of the launcher's
 * {@code LocalSuite} on JDK 17, default ports, dashboard on), each thread's stack cut to
 * its first line: {@link #beforeLoad()} right after start, {@link #afterLoad()} 22 s
 * later, after 800 checkouts through Kafka and REST.
 */
final class ThreadDumps {

	private ThreadDumps() {
	}

	static String beforeLoadText() {
		return read("suite-jdk17-before.txt");
	}

	static String afterLoadText() {
		return read("suite-jdk17-after.txt");
	}

	static List<ThreadCpu> beforeLoad() {
		return ThreadDump.parse(beforeLoadText());
	}

	static List<ThreadCpu> afterLoad() {
		return ThreadDump.parse(afterLoadText());
	}

	private static String read(String name) {
		try (InputStream in = ThreadDumps.class.getResourceAsStream("/thread-dumps/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
