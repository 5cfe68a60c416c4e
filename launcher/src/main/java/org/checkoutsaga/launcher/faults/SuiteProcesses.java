package org.checkoutsaga.launcher.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.checkoutsaga.launcher.LauncherApplication;
import org.checkoutsaga.launcher.SuiteService;

/**
 * The suite as four operating-system processes: the Kafka broker and the three services,
 * each a {@code launcher broker} or {@code launcher service <name>} child on fixed ports
 * and one data folder, so that any of them can be killed and started again where the
 * others expect it. Each child also ends when this JVM does.
 */
final class SuiteProcesses implements AutoCloseable {

	/** The parts that can fail. */
	enum Part {

		BROKER("kafka", "320m"), ORCHESTRATOR("orchestrator", "384m"), STOCK("stock", "320m"),
		RECEIPT("receipt", "256m");

		private final String label;

		private final String heap;

		Part(String label, String heap) {
			this.label = label;
			this.heap = heap;
		}

		String label() {
			return this.label;
		}

	}

	private static final String HOST = "127.0.0.1";

	private static final Duration STOP_GRACE = Duration.ofSeconds(15);

	private final Map<Part, ChildProcess> children = new EnumMap<>(Part.class);

	private final Map<Part, Integer> ports = new EnumMap<>(Part.class);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	/**
	 * @param dataDir the suite's data folder (H2 files, Kafka logs)
	 * @param logDir where each part's output goes
	 * @param java how to start a launcher JVM
	 * @param serviceProperties extra Spring properties for all three services
	 */
	SuiteProcesses(Path dataDir, Path logDir, JavaCommand java, List<String> serviceProperties) {
		for (Part part : Part.values()) {
			this.ports.put(part, freePort());
		}
		List<String> suiteOptions = List.of("--suite.data-dir=" + dataDir.toAbsolutePath(),
				"--suite.kafka.port=" + port(Part.BROKER), "--suite.orchestrator.port=" + port(Part.ORCHESTRATOR),
				"--suite.stock.port=" + port(Part.STOCK), "--suite.receipt.port=" + port(Part.RECEIPT));
		List<String> system = List.of(LauncherApplication.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
		for (Part part : Part.values()) {
			List<String> args = new ArrayList<>();
			if (part == Part.BROKER) {
				args.add("broker");
			}
			else {
				args.add("service");
				args.add(service(part).shortName());
			}
			args.addAll(suiteOptions);
			if (part != Part.BROKER) {
				args.addAll(serviceProperties);
			}
			this.children.put(part,
					new ChildProcess(part.label(), java.command(part.heap, system, args),
							logDir.resolve(part.label() + ".log"),
							(part == Part.BROKER) ? (child) -> child.hasPrinted(LauncherApplication.BROKER_READY)
									: (child) -> isReady(url(part))));
		}
	}

	/**
	 * Start the broker, then the three services side by side, and wait until all serve.
	 * @param timeout how long each may take
	 */
	void startAll(Duration timeout) {
		start(Part.BROKER, timeout);
		List<CompletableFuture<Instant>> services = new ArrayList<>();
		for (Part part : List.of(Part.STOCK, Part.RECEIPT, Part.ORCHESTRATOR)) {
			this.children.get(part).start();
			services.add(CompletableFuture.supplyAsync(() -> this.children.get(part).awaitReady(timeout)));
		}
		try {
			services.forEach(CompletableFuture::join);
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
	}

	/**
	 * Start one part and wait until it serves.
	 * @param part the part
	 * @param timeout how long it may take
	 * @return when it was first seen ready
	 */
	Instant start(Part part, Duration timeout) {
		ChildProcess child = this.children.get(part);
		child.start();
		return child.awaitReady(timeout);
	}

	/** {@code kill -9} one part. */
	void kill(Part part) {
		this.children.get(part).kill();
	}

	/** Stop one part gracefully (SIGTERM). */
	void stop(Part part) {
		this.children.get(part).stop(STOP_GRACE);
	}

	/** SIGSTOP one part. */
	void freeze(Part part) {
		this.children.get(part).freeze();
	}

	/** SIGCONT one part. */
	void thaw(Part part) {
		this.children.get(part).thaw();
	}

	boolean isAlive(Part part) {
		return this.children.get(part).isAlive();
	}

	/**
	 * Whether a part serves now: the broker is running, a service answers its readiness
	 * probe.
	 */
	boolean isReady(Part part) {
		return (part == Part.BROKER) ? isAlive(part) : isAlive(part) && isReady(url(part));
	}

	String bootstrapServers() {
		return HOST + ":" + port(Part.BROKER);
	}

	String url(Part part) {
		if (part == Part.BROKER) {
			throw new IllegalArgumentException("The broker has no HTTP URL");
		}
		return SuiteService.urlOf(port(part));
	}

	int starts(Part part) {
		return this.children.get(part).starts();
	}

	Path logFile(Part part) {
		return this.children.get(part).logFile();
	}

	/**
	 * Stop the services, then the broker, gracefully; kill what does not stop in time.
	 */
	@Override
	public void close() {
		List<CompletableFuture<Void>> stopping = new ArrayList<>();
		for (Part part : List.of(Part.ORCHESTRATOR, Part.STOCK, Part.RECEIPT)) {
			stopping.add(CompletableFuture.runAsync(() -> this.children.get(part).stop(STOP_GRACE)));
		}
		stopping.forEach((stop) -> {
			try {
				stop.join();
			}
			catch (CompletionException ex) {
				// killed below
			}
		});
		this.children.get(Part.BROKER).stop(STOP_GRACE);
		ChildProcess.killAll();
	}

	private int port(Part part) {
		return this.ports.get(part);
	}

	private boolean isReady(String baseUrl) {
		HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		try {
			return this.http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static SuiteService service(Part part) {
		return switch (part) {
			case ORCHESTRATOR -> SuiteService.ORCHESTRATOR;
			case STOCK -> SuiteService.STOCK;
			case RECEIPT -> SuiteService.RECEIPT;
			case BROKER -> throw new IllegalArgumentException("The broker is no service");
		};
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + HOST, ex);
		}
	}

}
