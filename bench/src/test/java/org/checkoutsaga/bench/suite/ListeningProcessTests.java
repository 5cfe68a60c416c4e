package org.checkoutsaga.bench.suite;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ListeningProcessTests {

	@Test
	void findsTheProcessListeningOnAPort() throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux only");
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThat(ListeningProcess.on(socket.getLocalPort())).hasValue(ProcessHandle.current().pid());
		}
	}

	@Test
	void findsTheOneJvmOfASuiteOnlyWhenItListensOnAllThreePorts() throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux only");
		try (ServerSocket orchestrator = listen(); ServerSocket stock = listen(); ServerSocket receipt = listen()) {
			int free;
			try (ServerSocket closed = listen()) {
				free = closed.getLocalPort();
			}

			assertThat(RemoteTarget.findSuitePid(url(orchestrator.getLocalPort()), url(stock.getLocalPort()),
					url(receipt.getLocalPort())))
				.isEqualTo(ProcessHandle.current().pid());
			assertThat(
					RemoteTarget.findSuitePid(url(orchestrator.getLocalPort()), url(stock.getLocalPort()), url(free)))
				.as("nothing listens on the receipt port")
				.isNull();
			assertThat(RemoteTarget.findSuitePid(URI.create("http://shop.example:" + orchestrator.getLocalPort()),
					url(stock.getLocalPort()), url(receipt.getLocalPort())))
				.as("another machine")
				.isNull();
		}
	}

	private static ServerSocket listen() throws Exception {
		return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
	}

	private static URI url(int port) {
		return URI.create("http://127.0.0.1:" + port);
	}

}
