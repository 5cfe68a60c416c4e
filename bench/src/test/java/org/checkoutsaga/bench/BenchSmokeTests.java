package org.checkoutsaga.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark end to end: the default mode against the suite in a process of its own
 * (the launcher's jar, as the README starts it: a real Kafka broker, H2 files, the three
 * services and the dashboard, here on other ports than the usual ones), and the
 * in-process diagnostic. A few checkouts through Kafka and REST. Asserts that every
 * checkout completed, that the suite's CPU is broken down by component, and that the
 * table, the JSON lines and the report are written; never anything about speed.
 */
class BenchSmokeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CPU_NOTE = "suite cpu=\\d+\\.\\d{3} ms per checkout \\(process total; by thread: ";

	@TempDir
	Path dir;

	@Test
	void measuresTheSuiteInAProcessOfItsOwnAndStopsItAfterwards() throws Exception {
		// free ports rather than 0: Tomcat names the threads of a port chosen at start
		// http-nio-auto-<n>-*, which tells no service's from another's
		int[] ports = freePorts(5);
		BenchOptions options = BenchOptions.parse("--quick", "--report=" + this.dir.resolve("report"),
				"--launcher-jar=" + launcherJar(), "--deadline=90s", "--suite.kafka.port=" + ports[0],
				"--suite.orchestrator.port=" + ports[1], "--suite.stock.port=" + ports[2],
				"--suite.receipt.port=" + ports[3], "--suite.admin.port=" + ports[4]);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int status = BenchApplication.run(options, "smoke", new PrintStream(printed, true, StandardCharsets.UTF_8));

		String output = printed.toString(StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(status).as(output).isZero();
		List<JsonNode> lines = jsonLines(output);
		assertThat(lines).extracting((line) -> line.get("variant").asString())
			.containsExactly("kafka-spread", "rest-spread");
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.get("completed").asInt()).isEqualTo(line.get("events").asInt());
			assertThat(line.get("throughput").asDouble()).isPositive();
			assertThat(line.get("durability").asString()).contains("CHECKPOINT SYNC");
			assertThat(line.get("system").asString()).startsWith("checkout-saga (suite process: launcher jar, ");
			assertThat(line.get("jvm").asString()).as("the suite's JVM, which runs on this JDK")
				.contains(System.getProperty("java.version"));
			assertThat(line.get("notes").asString()).containsPattern(CPU_NOTE + "kafka-broker \\d+\\.\\d{3}, ")
				.contains("orchestrator ", "stock ", "receipt ", "jvm-jit ")
				.as("the suite's H2 files are at hand: their growth is measured")
				.containsPattern("h2 files \\+\\d+\\.\\d KB per checkout")
				.contains("client JVM " + System.getProperty("java.version"));
		});
		assertThat(lines.get(0).get("events").asInt()).isEqualTo(50);
		assertThat(lines.get(1).get("events").asInt()).isEqualTo(20);
		assertThat(output).containsPattern("# suite process pid \\d+ ready after ")
			.contains("# warm-up round 1: ", "the suite's JIT threads busy",
					"# warm-up (untimed): 1 round(s) of 20 checkouts (half via Kafka, half via REST)")
			.containsPattern("# kafka-spread-50: suite CPU \\d+\\.\\d{3} ms per checkout \\(pid \\d+, from /proc/")
			.contains("# kafka-spread-50:   by thread (jcmd Thread.print), ", "# rest-spread-20:     kafka-broker ",
					"# rest-spread-20:     orchestrator ", "# rest-spread-20:     http-" + ports[1] + " ",
					"# rest-spread-20:     http-" + ports[2] + " ", "# rest-spread-20:     dashboard ")
			.as("the suite collects its own garbage")
			.doesNotContain("collected the garbage");
		assertThat(output).contains("System / variant", "checkout-saga kafka-spread", "checkout-saga rest-spread",
				"Stage meters missing");
		Path report = this.dir.resolve("report");
		assertThat(report.resolve("suite.log")).content().contains("checkout-saga suite is running");
		assertThat(report.resolve("summary.md")).content()
			.contains("java.version", "CHECKPOINT SYNC", "groupcommit.commit", "## Per-stage breakdown",
					"| component | CPU ms per checkout |", "| kafka-broker | ")
			.as("rows of the stage meters")
			.contains("| checkout.stage `ingress` |", "| checkout.stage `stock` |", "| checkout.stage `receipt` |",
					"| checkout.stage `outcome` |", "| groupcommit.queue.wait `saga-history` |",
					"| groupcommit.sync `stock` |", "| groupcommit.queue.wait `receipts` |", "| stock.mailbox.wait |");
		JsonNode summary = JSON.readTree(Files.readString(report.resolve("summary.json")));
		assertThat(summary.get("runs")).allSatisfy((run) -> {
			assertThat(run.get("cpuPerCheckoutMs").asDouble()).isPositive();
			assertThat(run.get("cpuBreakdown").get("kafka-broker").asDouble()).isPositive();
			assertThat(run.get("databaseKilobytesPerCheckout").asDouble()).isPositive();
		});
		assertThat(Files.readAllLines(report.resolve("results.jsonl"))).hasSize(2);
		assertThat(report.resolve("runs").resolve("kafka-spread-50.csv")).isNotEmptyFile();
		assertThat(report.resolve("throughput.png")).isNotEmptyFile();
		long pid = Long.parseLong(find(output, "# suite process pid (\\d+) ready"));
		assertThat(output).contains("# stopped the suite process (pid " + pid + ")");
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the suite is stopped").isEmpty();
		assertThat(Path.of(find(output, "data in (\\S+) \\(deleted afterwards\\)"))).doesNotExist();
	}

	@Test
	void labelsEveryLineOfTheInProcessDiagnostic() throws Exception {
		BenchOptions options = BenchOptions.parse("--in-process", "--runs=kafka-spread-30", "--warmup=10",
				"--warmup-time=0s", "--report=" + this.dir.resolve("report"), "--data-dir=" + this.dir.resolve("data"),
				"--deadline=90s");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int status = BenchApplication.run(options, "smoke", new PrintStream(printed, true, StandardCharsets.UTF_8));

		String output = printed.toString(StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(status).as(output).isZero();
		assertThat(output.lines().filter((line) -> !line.isEmpty() && !line.startsWith("{")))
			.allSatisfy((line) -> assertThat(line).startsWith(BenchApplication.IN_PROCESS_LABEL));
		List<JsonNode> lines = jsonLines(output);
		assertThat(lines).singleElement().satisfies((line) -> {
			assertThat(line.get("completed").asInt()).isEqualTo(30);
			assertThat(line.get("system").asString()).contains("IN-PROCESS DIAGNOSTIC");
			assertThat(line.get("notes").asString()).contains("IN-PROCESS DIAGNOSTIC")
				.contains(collectors() + "), a full GC before each run")
				.as("the load generator's own threads are told apart")
				.containsPattern(CPU_NOTE + ".*bench-client \\d+\\.\\d{3}");
		});
		assertThat(output).contains("# warm-up round 1: ", "JIT compiling",
				"# kafka-spread-30: collected the garbage before the run in ");
		assertThat(this.dir.resolve("report").resolve("summary.md")).content()
			.contains("- garbage collector: " + collectors() + "\n");
	}

	private static List<JsonNode> jsonLines(String output) {
		return output.lines().filter((line) -> line.startsWith("{")).map(JSON::readTree).toList();
	}

	private static String find(String output, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(output);
		assertThat(matcher.find()).as(regex).isTrue();
		return matcher.group(1);
	}

	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	/** The launcher jar the build packaged before this module's tests. */
	private static Path launcherJar() throws IOException {
		List<Path> jars = new ArrayList<>();
		Path target = Path.of("..", "launcher", "target");
		if (Files.isDirectory(target)) {
			try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "launcher-*-exec.jar")) {
				found.forEach(jars::add);
			}
		}
		assertThat(jars)
			.as("the launcher jar: run with -am and at least the package phase, " + "e.g. ./mvnw -pl bench -am verify")
			.hasSize(1);
		return jars.get(0).toAbsolutePath();
	}

	/** This JVM's collectors as the report names them. */
	private static String collectors() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", "));
	}

}
