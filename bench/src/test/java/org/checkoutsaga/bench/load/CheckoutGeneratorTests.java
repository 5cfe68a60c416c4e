package org.checkoutsaga.bench.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.CheckoutMessage;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutGeneratorTests {

	private static final List<String> POOL = RunSpec.Pool.HOT.items();

	@Test
	void takesTwoDistinctItemsOfThePoolWithQuantitiesOneToThree() {
		CheckoutGenerator generator = new CheckoutGenerator(7, POOL);
		Set<Integer> quantities = new HashSet<>();

		for (int i = 0; i < 10_000; i++) {
			CheckoutMessage checkout = generator.next();
			List<CheckoutItem> items = checkout.items();
			assertThat(items).hasSize(2);
			assertThat(items.get(0).itemId()).isNotEqualTo(items.get(1).itemId());
			assertThat(POOL).contains(items.get(0).itemId(), items.get(1).itemId());
			items.forEach((item) -> quantities.add(item.quantity()));
		}

		assertThat(quantities).containsExactlyInAnyOrder(1, 2, 3);
	}

	@Test
	void drawsEveryItemOfThePool() {
		CheckoutGenerator generator = new CheckoutGenerator(7, POOL);
		Set<String> drawn = new HashSet<>();

		for (int i = 0; i < 1_000; i++) {
			generator.next().items().forEach((item) -> drawn.add(item.itemId()));
		}

		assertThat(drawn).containsExactlyInAnyOrderElementsOf(POOL);
	}

	@Test
	void repeatsTheSameSequenceForTheSameSeed() {
		assertThat(sequence(42, 100)).isEqualTo(sequence(42, 100));
		assertThat(sequence(42, 100)).isNotEqualTo(sequence(43, 100));
	}

	@Test
	void givesEachRunItsOwnReproducibleSequence() {
		RunSpec kafka = RunSpec.parse("kafka-spread-100");
		RunSpec rest = RunSpec.parse("rest-spread-100");

		assertThat(CheckoutGenerator.forRun(42, kafka).next()).isEqualTo(CheckoutGenerator.forRun(42, kafka).next());
		assertThat(CheckoutGenerator.forRun(42, kafka).next()).isNotEqualTo(CheckoutGenerator.forRun(42, rest).next());
	}

	@Test
	void drawsUserIdsAsVersionFourUuids() {
		String userId = new CheckoutGenerator(1, POOL).next().userId();

		assertThat(java.util.UUID.fromString(userId).version()).isEqualTo(4);
	}

	private static List<CheckoutMessage> sequence(long seed, int count) {
		CheckoutGenerator generator = new CheckoutGenerator(seed, RunSpec.Pool.SPREAD.items());
		List<CheckoutMessage> checkouts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			checkouts.add(generator.next());
		}
		return checkouts;
	}

}
