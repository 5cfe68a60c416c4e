package org.checkoutsaga.bench.suite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which process on this machine listens on a TCP port, from Linux's {@code /proc}: the
 * listening sockets in {@code /proc/net/tcp} and {@code tcp6}, then the process that
 * holds one of them open ({@code /proc/<pid>/fd/* -> socket:[inode]}). Only processes of
 * this user are visible; elsewhere (no {@code /proc}) nothing is found.
 */
final class ListeningProcess {

	/** The state of a listening socket in {@code /proc/net/tcp}. */
	private static final String LISTEN = "0A";

	private ListeningProcess() {
	}

	/**
	 * @param port a TCP port
	 * @return the one process listening on it, empty if none or several are found
	 */
	static OptionalLong on(int port) {
		Set<String> sockets = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			sockets.addAll(listeningSockets(Path.of(table), port));
		}
		if (sockets.isEmpty()) {
			return OptionalLong.empty();
		}
		Set<Long> pids = new TreeSet<>();
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				if (holdsAny(process, sockets)) {
					pids.add(Long.parseLong(process.getFileName().toString()));
				}
			}
		}
		catch (IOException ex) {
			return OptionalLong.empty();
		}
		return (pids.size() == 1) ? OptionalLong.of(pids.iterator().next()) : OptionalLong.empty();
	}

	/**
	 * @param table {@code /proc/net/tcp} or {@code tcp6}
	 * @param port a TCP port
	 * @return the inodes of the sockets listening on it
	 */
	static Set<String> listeningSockets(Path table, int port) {
		Set<String> inodes = new HashSet<>();
		if (!Files.isReadable(table)) {
			return inodes;
		}
		String hexPort = String.format(Locale.ROOT, ":%04X", port);
		try {
			for (String line : Files.readAllLines(table)) {
				// sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt
				// uid
				// timeout inode
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 9 && fields[1].endsWith(hexPort) && LISTEN.equals(fields[3])) {
					inodes.add("socket:[" + fields[9] + "]");
				}
			}
		}
		catch (IOException ex) {
			// unreadable: nothing found
		}
		return inodes;
	}

	private static boolean holdsAny(Path process, Set<String> sockets) {
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
			for (Path descriptor : descriptors) {
				try {
					if (sockets.contains(Files.readSymbolicLink(descriptor).toString())) {
						return true;
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		catch (IOException | SecurityException ex) {
			// another user's process, or it ended
		}
		return false;
	}

}
