package org.checkoutsaga.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.load.Sample;
import org.checkoutsaga.bench.load.SendReport;
import org.checkoutsaga.bench.results.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTests {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	@TempDir
	Path dir;

	@Test
	void writesEveryFigureAsANonEmptyPng() throws IOException {
		List<RunResult> results = List.of(run("kafka-spread-100"), run("rest-spread-100"), run("kafka-spread-1000"),
				run("kafka-hot-1000"), run("kafka-spread-10000"));

		List<Path> charts = Charts.write(results, this.dir);

		assertThat(charts).extracting((path) -> path.getFileName().toString())
			.containsExactlyInAnyOrder("throughput.png", "latency-distribution-bursts.png",
					"latency-distribution-sustained.png", "latency-by-index-1000.png", "mean-latency.png");
		for (Path chart : charts) {
			byte[] bytes = Files.readAllBytes(chart);
			assertThat(bytes.length).as(chart.toString()).isGreaterThan(1000);
			assertThat(java.util.Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
		}
	}

	@Test
	void drawsARunMeasuredTwiceAsTwoSeries() throws IOException {
		List<RunResult> results = List.of(run("kafka-spread-1000"), run("kafka-spread-1000"), run("kafka-spread-10000"),
				run("kafka-spread-10000"));

		List<Path> charts = Charts.write(results, this.dir);

		assertThat(charts).extracting((path) -> path.getFileName().toString())
			.contains("latency-distribution-bursts.png", "latency-by-index-1000.png");
		assertThat(Charts.uniqueLabels(List.of("a", "b", "a", "a"))).containsExactly("a", "b", "a #2", "a #3");
	}

	@Test
	void skipsFiguresWithoutData() throws IOException {
		List<Path> charts = Charts.write(List.of(run("kafka-spread-100")), this.dir);

		assertThat(charts).extracting((path) -> path.getFileName().toString())
			.doesNotContain("latency-by-index-1000.png", "latency-distribution-sustained.png");
	}

	private static RunResult run(String name) {
		RunSpec spec = RunSpec.parse(name);
		Random random = new Random(name.hashCode());
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < spec.events(); i++) {
			long created = 1_000 + i / 10;
			samples.add(new Sample(i, "r" + i, created,
					new Sample.Outcome("COMPLETED", null, created + 20 + random.nextInt(200) + i / 20, created)));
		}
		return RunResult.of(spec, samples, new SendReport(spec.events(), 0, null, 10));
	}

}
