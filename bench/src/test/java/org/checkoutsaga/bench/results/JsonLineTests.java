package org.checkoutsaga.bench.results;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.load.Sample;
import org.checkoutsaga.bench.load.SendReport;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineTests {

	private static final JsonLine.Context CONTEXT = new JsonLine.Context("checkout-saga (test)",
			"group commit + sync per group", "17.0.13 (Eclipse Adoptium)", 42, 64, 2, "");

	@Test
	void writesTheWorkloadFieldsInOrderOnOneLine() {
		String line = JsonLine.of(twoCompleted(), CONTEXT, 1.5);

		assertThat(line).doesNotContain("\n").startsWith("{\"system\":");
		JsonNode json = JsonMapper.builder().build().readTree(line);
		List<String> names = new ArrayList<>(json.propertyNames());
		assertThat(names).containsExactlyElementsOf(JsonLine.FIELDS);
	}

	@Test
	void carriesTheRunsNumbers() {
		JsonNode json = JsonMapper.builder().build().readTree(JsonLine.of(twoCompleted(), CONTEXT, 1.5));

		assertThat(json.get("variant").asString()).isEqualTo("kafka-spread");
		assertThat(json.get("events").asInt()).isEqualTo(2);
		assertThat(json.get("completed").asInt()).isEqualTo(2);
		// 2 completed in 0.3 s
		assertThat(json.get("throughput").asDouble()).isEqualTo(6.67);
		assertThat(json.get("mean").asDouble()).isEqualTo(150.0);
		assertThat(json.get("p50").asLong()).isEqualTo(100);
		assertThat(json.get("p99").asLong()).isEqualTo(200);
		assertThat(json.get("max").asLong()).isEqualTo(200);
		assertThat(json.get("durability").asString()).isEqualTo("group commit + sync per group");
		assertThat(json.get("jvm").asString()).isEqualTo("17.0.13 (Eclipse Adoptium)");
		assertThat(json.get("notes").asString()).contains("run=kafka-spread-2", "missing=0", "seed=42",
				"loadavg=1.50 on 2 cpus");
	}

	private static RunResult twoCompleted() {
		List<Sample> samples = List.of(new Sample(0, "a", 1_000, new Sample.Outcome("COMPLETED", null, 1_100, 1_000)),
				new Sample(1, "b", 1_100, new Sample.Outcome("COMPLETED", null, 1_300, 1_100)));
		return RunResult.of(RunSpec.parse("kafka-spread-2"), samples, new SendReport(2, 0, null, 3));
	}

}
