package org.checkoutsaga.launcher.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One part of the suite running as an operating-system process of its own, which can be
 * started, killed with SIGKILL ({@code kill -9}), stopped with SIGTERM, frozen with
 * SIGSTOP and started again with the same command. Its output is appended to one log file
 * across restarts. Every child still running when this JVM exits is killed by a shutdown
 * hook, so none is left behind.
 */
final class ChildProcess {

	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	private static final Duration POLL = Duration.ofMillis(50);

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::killAll, "child-process-reaper"));
	}

	private final String name;

	private final List<String> command;

	private final Path logFile;

	private final Predicate<ChildProcess> ready;

	private Process process;

	private long logOffset;

	private int starts;

	/**
	 * @param name what the part is called in reports and log lines
	 * @param command the command line
	 * @param logFile where its output goes
	 * @param ready whether the started process is ready for clients
	 */
	ChildProcess(String name, List<String> command, Path logFile, Predicate<ChildProcess> ready) {
		this.name = name;
		this.command = List.copyOf(command);
		this.logFile = logFile;
		this.ready = ready;
	}

	String name() {
		return this.name;
	}

	/**
	 * Start the process; {@link #awaitReady(Duration)} tells when it serves.
	 */
	synchronized void start() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is already running (pid " + this.process.pid() + ")");
		}
		try {
			Files.createDirectories(this.logFile.getParent());
			this.starts++;
			String banner = String.format("%n===== %s start #%d at %s =====%n", this.name, this.starts, Instant.now());
			Files.writeString(this.logFile, banner, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			this.logOffset = Files.size(this.logFile);
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
				.start();
			running.add(this.process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name, ex);
		}
	}

	/**
	 * Wait until the process serves, failing fast if it exits first.
	 * @param timeout how long to wait
	 * @return when it was first seen ready
	 */
	Instant awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Process current = current();
			if (!current.isAlive()) {
				throw new IllegalStateException(this.name + " exited with status " + current.exitValue()
						+ " before it was ready; the end of " + this.logFile + ":\n" + tail(40));
			}
			if (this.ready.test(this)) {
				return Instant.now();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(this.name + " was not ready within " + timeout.toSeconds()
						+ " s; the end of " + this.logFile + ":\n" + tail(40));
			}
			sleep(POLL);
		}
	}

	/**
	 * {@code kill -9}: the process ends at once, without any shutdown work.
	 */
	synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			waitFor(this.process, Duration.ofSeconds(30));
		}
	}

	/**
	 * SIGTERM and wait for a graceful stop; SIGKILL if it takes longer than the grace.
	 * @param grace how long the process may take to stop
	 */
	synchronized void stop(Duration grace) {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!waitFor(this.process, grace)) {
				kill();
			}
		}
	}

	/**
	 * SIGSTOP: the process is frozen, its sockets stay open and answer nothing.
	 */
	void freeze() {
		signal("STOP");
	}

	/**
	 * SIGCONT: a frozen process carries on.
	 */
	void thaw() {
		signal("CONT");
	}

	synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	synchronized long pid() {
		return current().pid();
	}

	/**
	 * @return how often the process was started
	 */
	synchronized int starts() {
		return this.starts;
	}

	Path logFile() {
		return this.logFile;
	}

	/**
	 * Whether the output of the current start contains a line.
	 * @param marker the text to look for
	 * @return true once the process has printed it
	 */
	boolean hasPrinted(String marker) {
		try {
			long offset;
			synchronized (this) {
				offset = this.logOffset;
			}
			byte[] all = Files.readAllBytes(this.logFile);
			if (all.length <= offset) {
				return false;
			}
			return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8).contains(marker);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The last lines of the log file, to explain a failure.
	 * @param lines how many
	 * @return the lines
	 */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private synchronized Process current() {
		if (this.process == null) {
			throw new IllegalStateException(this.name + " was never started");
		}
		return this.process;
	}

	private void signal(String signal) {
		long pid = pid();
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
				.start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
						+ new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not send SIG" + signal + " to " + this.name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (exited) {
				running.remove(process);
			}
			return exited;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return false;
		}
	}

	/**
	 * Kill every child this JVM started that still runs. Safe to call at any time.
	 * @return how many were killed
	 */
	static int killAll() {
		List<Process> killed = new ArrayList<>();
		for (Process process : running) {
			if (process.isAlive()) {
				process.destroyForcibly();
				killed.add(process);
			}
			running.remove(process);
		}
		for (Process process : killed) {
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return killed.size();
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
