package org.checkoutsaga.launcher.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.orchestrator.ingress.CheckoutIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans are drawn from the seed alone: a run can be repeated exactly as planned.
 */
class ScenarioPlanTest {

	@Test
	void drawsTheSamePlanFromTheSameSeed() {
		ScenarioPlan first = ScenarioPlan.draw(Scenario.KILL_STOCK, 7, 500, 100, 150, Duration.ofSeconds(30));
		ScenarioPlan second = ScenarioPlan.draw(Scenario.KILL_STOCK, 7, 500, 100, 150, Duration.ofSeconds(30));

		assertThat(second).isEqualTo(first);
		assertThat(second.describe()).isEqualTo(first.describe());
	}

	@Test
	void drawsAnotherPlanFromAnotherSeedOrScenario() {
		ScenarioPlan plan = ScenarioPlan.draw(Scenario.KILL_STOCK, 7, 500, 100, 150, Duration.ofSeconds(30));

		assertThat(ScenarioPlan.draw(Scenario.KILL_STOCK, 8, 500, 100, 150, Duration.ofSeconds(30)).checkouts())
			.isNotEqualTo(plan.checkouts());
		assertThat(ScenarioPlan.draw(Scenario.KILL_RECEIPT, 7, 500, 100, 150, Duration.ofSeconds(30)).checkouts())
			.isNotEqualTo(plan.checkouts());
	}

	@Test
	void mixesChannelsAndBuysDistinctItemsSomeScarceSomeNeverStocked() {
		ScenarioPlan plan = ScenarioPlan.draw(Scenario.KILL_ORCHESTRATOR, 1, 2000, 100, 150, Duration.ofSeconds(30));

		assertThat(plan.checkouts()).hasSize(2000);
		assertThat(plan.checkouts()).extracting(PlannedCheckout::channel)
			.contains(PlannedCheckout.Channel.REST, PlannedCheckout.Channel.KAFKA);
		assertThat(plan.checkouts()).allSatisfy((checkout) -> {
			List<String> items = checkout.items().stream().map(CheckoutItem::itemId).toList();
			assertThat(items).doesNotHaveDuplicates();
			assertThat(plan.items()).containsAll(items);
		});
		Set<String> bought = plan.checkouts()
			.stream()
			.flatMap((checkout) -> checkout.items().stream())
			.map(CheckoutItem::itemId)
			.collect(Collectors.toSet());
		assertThat(bought).anyMatch((item) -> item.contains("-scarce-")).containsAll(plan.unstockedItems());
		assertThat(plan.initialStock().keySet()).doesNotContainAnyElementsOf(plan.unstockedItems());
		assertThat(plan.trigger().kind()).isEqualTo(ScenarioPlan.Trigger.Kind.SUBMITTED);
		assertThat(plan.trigger().threshold()).isBetween(500, 900);
	}

	@Test
	void namesEachCheckoutByAUuidTheOrchestratorKeepsAsItsId() {
		ScenarioPlan plan = ScenarioPlan.draw(Scenario.KILL_BROKER, 3, 1000, 100, 150, Duration.ofSeconds(30));

		Set<String> ids = new HashSet<>();
		plan.checkouts().forEach((checkout) -> {
			assertThat(CheckoutIds.forRequest(checkout.checkoutId())).isEqualTo(checkout.checkoutId());
			ids.add(checkout.checkoutId());
		});
		assertThat(ids).hasSize(1000);
	}

	@Test
	void contendsTenOneUnitCheckoutsForEachItemOfStockOneAllAtOnce() {
		ScenarioPlan plan = ScenarioPlan.draw(Scenario.CONTENTION_KILL_STOCK, 5, 3000, 100, 150,
				Duration.ofSeconds(30));

		assertThat(plan.initialStock()).hasSize(100).allSatisfy((item, stock) -> assertThat(stock).isEqualTo(1L));
		assertThat(plan.checkouts()).hasSize(1000)
			.allSatisfy((checkout) -> assertThat(checkout.items()).singleElement()
				.extracting(CheckoutItem::quantity)
				.isEqualTo(1));
		Map<String, Long> perItem = plan.checkouts()
			.stream()
			.collect(Collectors.groupingBy((checkout) -> checkout.items().get(0).itemId(), Collectors.counting()));
		assertThat(perItem).hasSize(100).allSatisfy((item, count) -> assertThat(count).isEqualTo(10L));
		assertThat(plan.ratePerSecond()).isZero();
		assertThat(plan.trigger().kind()).isEqualTo(ScenarioPlan.Trigger.Kind.ENDED);
	}

	@Test
	void keepsAStockOutageAsLongAsAsked() {
		assertThat(ScenarioPlan.draw(Scenario.STOP_STOCK, 1, 100, 10, 50, Duration.ofSeconds(10)).downtime())
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(ScenarioPlan.draw(Scenario.KILL_STOCK, 1, 100, 10, 50, Duration.ofSeconds(10)).downtime())
			.isBetween(Duration.ofMillis(500), Duration.ofSeconds(2));
	}

}
