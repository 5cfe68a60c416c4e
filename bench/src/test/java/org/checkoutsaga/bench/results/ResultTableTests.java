package org.checkoutsaga.bench.results;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.load.Sample;
import org.checkoutsaga.bench.load.SendReport;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTests {

	@Test
	void printsTheThesisRowsOfTheSameBurstSizeAfterOurs() {
		String table = ResultTable.format(List.of(completedRun("kafka-spread-100")), "checkout-saga");

		List<String> lines = table.lines().toList();
		int ours = indexOf(lines, "checkout-saga kafka-spread");
		assertThat(ours).isPositive();
		assertThat(lines.get(ours)).contains(" 100 ");
		assertThat(indexOf(lines, "thesis EP1 Flink K8s")).isGreaterThan(ours);
		assertThat(lines.get(indexOf(lines, "thesis EP1 Flink K8s"))).contains("162.87", "450", "534", "573", "613");
		assertThat(lines.get(indexOf(lines, "thesis EP3 ADF Netherite"))).contains("816", "906", "916", "920");
		assertThat(table).doesNotContain("thesis EP1 Flink K8s    1000");
	}

	@Test
	void leavesTheThesisOutOfRunSizesItNeverMeasured() {
		String table = ResultTable.format(List.of(completedRun("rest-hot-10000")), "checkout-saga");

		assertThat(table).contains("Sustained 10000", "checkout-saga rest-hot").doesNotContain("thesis EP1");
	}

	private static int indexOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

	private static RunResult completedRun(String name) {
		RunSpec spec = RunSpec.parse(name);
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < spec.events(); i++) {
			samples.add(new Sample(i, "r" + i, 1_000 + i, new Sample.Outcome("COMPLETED", null, 1_050 + 2L * i, 0)));
		}
		return RunResult.of(spec, samples, new SendReport(spec.events(), 0, null, 10));
	}

}
