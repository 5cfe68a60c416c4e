package org.checkoutsaga.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark end to end against the local suite (real Kafka broker, H2 files, the
 * three services): a few checkouts through Kafka and REST. Asserts that every checkout
 * completed and that the table, the JSON lines and the report are written; never anything
 * about speed.
 */
class BenchSmokeTests {

	@TempDir
	Path dir;

	@Test
	void completesEveryCheckoutThroughKafkaAndRestAndPrintsTheResults() throws Exception {
		BenchOptions options = BenchOptions.parse("--runs=kafka-spread-50,rest-spread-20", "--warmup=10",
				"--warmup-time=0s", "--report=" + this.dir.resolve("report"), "--data-dir=" + this.dir.resolve("data"),
				"--deadline=90s");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int status = BenchApplication.run(options, "smoke", new PrintStream(printed, true, StandardCharsets.UTF_8));

		String output = printed.toString(StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(status).as(output).isZero();
		List<JsonNode> lines = output.lines()
			.filter((line) -> line.startsWith("{"))
			.map((line) -> JsonMapper.builder().build().readTree(line))
			.toList();
		assertThat(lines).extracting((line) -> line.get("variant").asString())
			.containsExactly("kafka-spread", "rest-spread");
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.get("completed").asInt()).isEqualTo(line.get("events").asInt());
			assertThat(line.get("throughput").asDouble()).isPositive();
			assertThat(line.get("durability").asString()).contains("CHECKPOINT SYNC");
			assertThat(line.get("notes").asString()).as("the suite shares this JVM: its CPU time is measured")
				.containsPattern("cpu=\\d+\\.\\d{3} ms per checkout \\(Java threads \\d+\\.\\d{3}\\)");
			assertThat(line.get("notes").asString()).as("the suite's H2 files are at hand: their growth is measured")
				.containsPattern("h2 files \\+\\d+\\.\\d KB per checkout");
		});
		assertThat(lines.get(0).get("events").asInt()).isEqualTo(50);
		assertThat(lines.get(1).get("events").asInt()).isEqualTo(20);
		assertThat(output).contains("# warm-up round 1: ", "JIT compiling",
				"# warm-up (untimed): 1 round(s) of 10 checkouts (half via Kafka, half via REST)");
		assertThat(output).as("the suite shares this JVM: no run pays for the garbage of the runs before it")
			.contains("# kafka-spread-50: collected the garbage before the run in ",
					"# rest-spread-20: collected the garbage before the run in ");
		assertThat(lines).allSatisfy((line) -> assertThat(line.get("notes").asString())
			.contains(collectors() + "), a full GC before each run"));
		assertThat(output).contains("System / variant", "checkout-saga kafka-spread", "checkout-saga rest-spread",
				"Stage meters missing");
		Path report = this.dir.resolve("report");
		assertThat(report.resolve("summary.md")).content()
			.contains("- garbage collector: " + collectors() + "\n")
			.contains("java.version", "CHECKPOINT SYNC", "groupcommit.commit", "## Per-stage breakdown")
			.as("rows of the stage meters")
			.contains("| checkout.stage `ingress` |", "| checkout.stage `stock` |", "| checkout.stage `receipt` |",
					"| checkout.stage `outcome` |", "| groupcommit.queue.wait `saga-history` |",
					"| groupcommit.sync `stock` |", "| groupcommit.queue.wait `receipts` |", "| stock.mailbox.wait |");
		assertThat(report.resolve("summary.json")).content()
			.contains("\"cpuMillisPerCheckout\"", "\"databaseKilobytesPerCheckout\"");
		assertThat(JsonMapper.builder()
			.build()
			.readTree(Files.readString(report.resolve("summary.json")))
			.get("jdk")
			.get("garbageCollectors")
			.asString()).isEqualTo(collectors());
		assertThat(Files.readAllLines(report.resolve("results.jsonl"))).hasSize(2);
		assertThat(report.resolve("runs").resolve("kafka-spread-50.csv")).isNotEmptyFile();
		assertThat(report.resolve("throughput.png")).isNotEmptyFile();
	}

	/** This JVM's collectors as the report names them. */
	private static String collectors() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", "));
	}

}
