package org.checkoutsaga.bench.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunSpecTests {

	@Test
	void parsesIngressPoolAndSize() {
		RunSpec spec = RunSpec.parse("rest-hot-500");

		assertThat(spec.ingress()).isEqualTo(RunSpec.Ingress.REST);
		assertThat(spec.pool()).isEqualTo(RunSpec.Pool.HOT);
		assertThat(spec.events()).isEqualTo(500);
		assertThat(spec.name()).isEqualTo("rest-hot-500");
		assertThat(spec.variant()).isEqualTo("rest-hot");
	}

	@Test
	void expandsGroupsInTheOrderGiven() {
		List<RunSpec> runs = RunSpec.parseList("scarce,kafka-spread-50");

		assertThat(runs).extracting(RunSpec::name)
			.containsExactly("kafka-scarce-1000", "rest-scarce-1000", "kafka-spread-50");
	}

	@Test
	void measuresTheThesisBurstsTheSustainedRunsAndScarceStockByDefault() {
		List<String> names = RunSpec.all().stream().map(RunSpec::name).toList();

		assertThat(names).hasSize(22)
			.contains("kafka-spread-100", "rest-hot-1000", "kafka-spread-50000", "rest-hot-10000", "kafka-scarce-1000");
	}

	@Test
	void poolsHaveTheWorkloadsSizesAndStock() {
		assertThat(RunSpec.Pool.SPREAD.items()).hasSize(100).startsWith("item-0").endsWith("item-99");
		assertThat(RunSpec.Pool.HOT.items()).hasSize(10);
		assertThat(RunSpec.Pool.SPREAD.stock()).isEqualTo(1_000_000);
		assertThat(RunSpec.Pool.SCARCE.stock()).isEqualTo(50);
	}

	@Test
	void refusesAnUnknownRun() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunSpec.parse("grpc-spread-100"))
			.withMessageContaining("kafka or rest");
		assertThatIllegalArgumentException().isThrownBy(() -> RunSpec.parse("kafka-spread"))
			.withMessageContaining("<events>");
	}

}
