package org.checkoutsaga.bench.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.checkoutsaga.bench.cpu.CpuUsage;
import org.checkoutsaga.bench.load.Sample;
import org.checkoutsaga.bench.results.RunResult;
import org.checkoutsaga.bench.stages.StageMetrics.StageDelta;
import org.checkoutsaga.bench.suite.Durability;

/**
 * The report folder: {@code summary.md} (machine, JDK, durability, the table, the JSON
 * lines, the per-stage breakdown, missing meters, charts), {@code summary.json} (the same
 * as data), {@code results.jsonl} (one JSON line per run) and {@code runs/<run>.csv}
 * (every checkout: index, request id, client timestamp, completion, status, latency).
 */
public final class Report {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path dir;

	private final Machine machine;

	private final String command;

	private final String target;

	private final String suiteJvm;

	private final Durability durability;

	private final Instant started = Instant.now();

	private final double loadAtStart = Machine.loadAverage();

	private final List<Entry> entries = new ArrayList<>();

	private String warmUp = "none";

	private List<String> present = List.of();

	private List<String> missing = List.of();

	/**
	 * @param dir the report folder
	 * @param machine the machine and JVM
	 * @param command the options the benchmark ran with
	 * @param target the suite measured
	 * @param suiteJvm the suite's Java version and vendor
	 * @param durability the suite's durability settings
	 */
	public Report(Path dir, Machine machine, String command, String target, String suiteJvm, Durability durability) {
		this.dir = dir;
		this.machine = machine;
		this.command = command;
		this.target = target;
		this.suiteJvm = suiteJvm;
		this.durability = durability;
	}

	public Path dir() {
		return this.dir;
	}

	public void warmUp(String warmUp) {
		this.warmUp = warmUp;
	}

	/**
	 * Add a measured run.
	 * @param result its result
	 * @param line its JSON line
	 * @param jsonLine the line as JSON
	 * @param stages what the services' meters recorded during it
	 */
	public void add(RunResult result, String line, ObjectNode jsonLine, List<StageDelta> stages) {
		this.entries.add(new Entry(result, line, jsonLine, stages));
	}

	/**
	 * @param present the stage meters the services expose
	 * @param missing the stage meters they lack, with what each would tell
	 */
	public void stageMeters(List<String> present, List<String> missing) {
		this.present = present;
		this.missing = missing;
	}

	/**
	 * Write the folder.
	 * @param table the printed table
	 * @param charts the chart files written
	 * @throws IOException if the folder cannot be written
	 */
	public void write(String table, List<Path> charts) throws IOException {
		Files.createDirectories(this.dir.resolve("runs"));
		List<String> lines = this.entries.stream().map(Entry::line).toList();
		Files.write(this.dir.resolve("results.jsonl"), lines);
		for (Entry entry : this.entries) {
			writeCsv(entry.result());
		}
		Files.writeString(this.dir.resolve("summary.md"), markdown(table, charts));
		Files.writeString(this.dir.resolve("summary.json"), JSON.writeValueAsString(json(charts)));
	}

	/**
	 * @param stages what the services' meters recorded during a run
	 * @return the breakdown as a Markdown table
	 */
	public static String stageTable(List<StageDelta> stages) {
		StringBuilder out = new StringBuilder();
		String row = "| %s | %s | %s | %d | %.2f | %s |%n";
		out.append("| service | stage | meter | count | per checkout | mean |\n|---|---|---|---:|---:|---:|\n");
		for (StageDelta stage : stages) {
			String meter = stage.metric() + ((stage.tagValue() != null) ? " `" + stage.tagValue() + "`" : "");
			String mean = Double.isNaN(stage.mean()) ? "-"
					: String.format(Locale.ROOT, "%.2f %s", stage.mean(), stage.unit()).trim();
			out.append(String.format(Locale.ROOT, row, stage.service(), stage.stage(), meter, stage.count(),
					stage.perCheckout(), mean));
		}
		return out.toString();
	}

	private String markdown(String table, List<Path> charts) {
		StringBuilder md = new StringBuilder();
		md.append("# Checkout benchmark\n\n");
		md.append("- started: ").append(this.started).append(", finished: ").append(Instant.now()).append('\n');
		md.append("- options: `").append(this.command).append("`\n");
		md.append("- target: ").append(this.target).append('\n');
		md.append("- suite JVM: ").append(this.suiteJvm).append('\n');
		md.append("- warm-up (untimed): ").append(this.warmUp).append('\n');
		md.append("\n## Machine and the benchmark's (client's) JVM\n\n");
		md.append("- host: ").append(this.machine.host()).append(", ").append(this.machine.os()).append('\n');
		md.append("- CPUs: ").append(this.machine.cpus()).append(" (").append(this.machine.cpuModel()).append(")\n");
		md.append("- memory: ")
			.append(this.machine.memoryBytes() / (1024 * 1024))
			.append(" MiB; benchmark heap max ")
			.append(this.machine.maxHeapBytes() / (1024 * 1024))
			.append(" MiB\n");
		md.append("- JDK: java.version ")
			.append(this.machine.javaVersion())
			.append(", java.vendor ")
			.append(this.machine.javaVendor())
			.append(", ")
			.append(this.machine.javaVm())
			.append('\n');
		md.append("- garbage collector: ").append(this.machine.garbageCollectors()).append('\n');
		md.append(String.format(Locale.ROOT, "- load average (1 min): %.2f at start, %.2f at the end%n",
				this.loadAtStart, Machine.loadAverage()));
		md.append("\n## Durability\n\n");
		md.append(this.durability.summary()).append("\n\nRead from ").append(this.durability.source()).append(":\n\n");
		md.append(
				"| service | datasource | group-commit max-batch | max-wait | sync-to-disk |\n|---|---|---:|---|---|\n");
		for (Durability.Service service : this.durability.services()) {
			md.append("| ")
				.append(service.name())
				.append(" | `")
				.append(service.datasourceUrl())
				.append("` | ")
				.append(service.maxBatch())
				.append(" | ")
				.append(service.maxWait())
				.append(" | ")
				.append(service.syncToDisk())
				.append(" |\n");
		}
		md.append("\n## Results\n\n```\n").append(table).append("```\n\n### JSON lines\n\n```\n");
		this.entries.forEach((entry) -> md.append(entry.line()).append('\n'));
		md.append("```\n\n## Charts\n\n");
		charts.forEach((chart) -> md.append("![")
			.append(chart.getFileName())
			.append("](")
			.append(chart.getFileName())
			.append(")\n\n"));
		md.append("## Per-stage breakdown (the services' Micrometer meters, during each run)\n\n");
		md.append("Mean = total / count of what each meter recorded between a snapshot before and after the run. ")
			.append("`groupcommit.commit` covers write + commit + sync of one group, `groupcommit.sync` the sync ")
			.append("alone; `groupcommit.queue.wait` is a write's wait until the writer takes it into a group. ")
			.append("`checkout.stage` times each checkout's stages until each is durable: `ingress` from the ")
			.append("client's timestamp, then `stock`, `receipt` (or `compensation`), and `outcome` until Kafka ")
			.append("took it. The suite's CPU: the process total (`/proc/<pid>/stat`) between a snapshot ")
			.append("before the first checkout and one after the last outcome, and each component's part from ")
			.append("the threads' CPU times in `jcmd <pid> Thread.print`; a thread started during the run counts ")
			.append("from 0, one that ended is lost to the breakdown (the total still has it).\n\n");
		for (Entry entry : this.entries) {
			RunResult result = entry.result();
			md.append("### ").append(result.spec().name()).append("\n\n");
			if (result.cpu() != null) {
				md.append(result.cpu().markdown(result.ended())).append('\n');
			}
			if (result.databaseGrowthPerCheckout() != null) {
				md.append("The suite's ").append(result.databaseGrowthPerCheckout()).append(".\n\n");
			}
			md.append(stageTable(entry.stages())).append('\n');
		}
		md.append("### Stage meters present\n\n");
		this.present.forEach((name) -> md.append("- ").append(name).append('\n'));
		md.append("\n### Stage meters missing (for the services to add)\n\n");
		this.missing.forEach((name) -> md.append("- ").append(name).append('\n'));
		return md.toString();
	}

	private ObjectNode json(List<Path> charts) {
		ObjectNode root = JSON.createObjectNode();
		root.put("started", this.started.toString());
		root.put("finished", Instant.now().toString());
		root.put("options", this.command);
		root.put("target", this.target);
		root.put("suiteJvm", this.suiteJvm);
		root.put("warmUp", this.warmUp);
		ObjectNode machine = root.putObject("machine");
		machine.put("host", this.machine.host());
		machine.put("os", this.machine.os());
		machine.put("cpus", this.machine.cpus());
		machine.put("cpuModel", this.machine.cpuModel());
		machine.put("memoryBytes", this.machine.memoryBytes());
		machine.put("loadAverageAtStart", this.loadAtStart);
		machine.put("loadAverageAtEnd", Machine.loadAverage());
		ObjectNode jdk = root.putObject("jdk");
		jdk.put("java.version", this.machine.javaVersion());
		jdk.put("java.vendor", this.machine.javaVendor());
		jdk.put("vm", this.machine.javaVm());
		jdk.put("maxHeapBytes", this.machine.maxHeapBytes());
		jdk.put("garbageCollectors", this.machine.garbageCollectors());
		ObjectNode durability = root.putObject("durability");
		durability.put("summary", this.durability.summary());
		durability.put("source", this.durability.source());
		ArrayNode services = durability.putArray("services");
		for (Durability.Service service : this.durability.services()) {
			ObjectNode node = services.addObject();
			node.put("name", service.name());
			node.put("datasourceUrl", service.datasourceUrl());
			node.put("groupCommitMaxBatch", service.maxBatch());
			node.put("groupCommitMaxWait", service.maxWait());
			node.put("syncToDisk", service.syncToDisk());
			node.put("describe", service.describe());
		}
		ArrayNode runs = root.putArray("runs");
		for (Entry entry : this.entries) {
			RunResult result = entry.result();
			ObjectNode run = entry.jsonLine().deepCopy();
			run.put("run", result.spec().name());
			run.put("rejected", result.rejected());
			run.put("missing", result.missing());
			CpuUsage cpu = result.cpu();
			if (cpu != null) {
				// the process total; the breakdown misses threads that ended in the run
				run.put("cpuPerCheckoutMs", cpu.millisPer(result.ended()));
				run.put("cpuPid", cpu.pid());
				if (cpu.problem() == null) {
					run.put("threadsCpuPerCheckoutMs", cpu.threadsMillis() / Math.max(1, result.ended()));
					ObjectNode breakdown = run.putObject("cpuBreakdown");
					cpu.perCheckout(result.ended()).forEach(breakdown::put);
					run.put("cpuThreadsEnded", cpu.threadsEnded().size());
				}
				else {
					run.put("cpuBreakdownProblem", cpu.problem());
				}
			}
			if (result.databaseKilobytesPerCheckout() >= 0) {
				run.put("databaseKilobytesPerCheckout", result.databaseKilobytesPerCheckout());
			}
			ArrayNode stages = run.putArray("stages");
			for (StageDelta stage : entry.stages()) {
				ObjectNode node = stages.addObject();
				node.put("service", stage.service());
				node.put("stage", stage.stage());
				node.put("metric", stage.metric());
				node.put("tag", stage.tagValue());
				node.put("count", stage.count());
				node.put("perCheckout", stage.perCheckout());
				if (!Double.isNaN(stage.mean())) {
					node.put("mean", stage.mean());
					node.put("unit", stage.unit());
				}
			}
			runs.add(run);
		}
		ObjectNode meters = root.putObject("stageMeters");
		this.present.forEach(meters.putArray("present")::add);
		this.missing.forEach(meters.putArray("missing")::add);
		ArrayNode chartFiles = root.putArray("charts");
		charts.forEach((chart) -> chartFiles.add(chart.getFileName().toString()));
		return root;
	}

	private void writeCsv(RunResult result) throws IOException {
		try (Writer out = Files.newBufferedWriter(this.dir.resolve("runs").resolve(result.spec().name() + ".csv"))) {
			out.write("index,requestId,clientTimestamp,completedAt,status,reason,latencyMs\n");
			for (Sample sample : result.samples()) {
				Sample.Outcome outcome = sample.outcome();
				out.write(sample.index() + "," + sample.requestId() + "," + sample.clientTimestamp() + ","
						+ ((outcome != null) ? outcome.completedAt() : "") + ","
						+ ((outcome != null) ? outcome.status() : "MISSING") + ","
						+ ((outcome != null && outcome.reason() != null) ? outcome.reason() : "") + ","
						+ ((outcome != null) ? sample.latencyMillis() : "") + "\n");
			}
		}
	}

	private record Entry(RunResult result, String line, ObjectNode jsonLine, List<StageDelta> stages) {
	}

}
