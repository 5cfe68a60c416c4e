package org.checkoutsaga.launcher.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.checkoutsaga.events.CheckoutItem;

/**
 * Everything a scenario will do, drawn from the run's seed: the same seed gives the same
 * checkouts (ids, items, channels), the same stock and the same fault timing. Only how
 * the processes interleave differs between runs.
 *
 * @param scenario the scenario
 * @param seed the scenario's own seed, derived from the run's
 * @param checkouts what to submit, in order
 * @param initialStock the stock every item of the scenario is set to before the load
 * @param unstockedItems items some checkouts ask for that are never stocked
 * @param ratePerSecond the load's pace, 0 for all at once
 * @param trigger when the fault strikes
 * @param downtime how long the failed part stays down before it is started again
 */
record ScenarioPlan(Scenario scenario, long seed, List<PlannedCheckout> checkouts, Map<String, Long> initialStock,
		Set<String> unstockedItems, double ratePerSecond, Trigger trigger, Duration downtime) {

	/** Ordinary items per scenario: plenty of stock. */
	static final int PLENTIFUL_ITEMS = 40;

	/** Scarce items per scenario: some checkouts find them out of stock. */
	static final int SCARCE_ITEMS = 5;

	/** Checkouts per item in the contention case. */
	static final int CONTENDERS_PER_ITEM = 10;

	ScenarioPlan {
		checkouts = List.copyOf(checkouts);
		initialStock = Collections.unmodifiableMap(new LinkedHashMap<>(initialStock));
		unstockedItems = Collections.unmodifiableSet(new LinkedHashSet<>(unstockedItems));
	}

	/**
	 * Draw a scenario's plan.
	 * @param scenario the scenario
	 * @param runSeed the run's seed
	 * @param checkouts checkouts under load (ignored by the contention case)
	 * @param contentionItems items of stock 1 in the contention case
	 * @param ratePerSecond the load's pace
	 * @param outage how long an outage or freeze lasts
	 * @return the plan
	 */
	static ScenarioPlan draw(Scenario scenario, long runSeed, int checkouts, int contentionItems, double ratePerSecond,
			Duration outage) {
		long seed = runSeed * 1_000_003L + scenario.label().hashCode();
		Random random = new Random(seed);
		return scenario.contention() ? contention(scenario, seed, random, contentionItems)
				: underLoad(scenario, seed, random, checkouts, ratePerSecond, outage);
	}

	private static ScenarioPlan underLoad(Scenario scenario, long seed, Random random, int count, double ratePerSecond,
			Duration outage) {
		String prefix = scenario.label() + "-";
		List<String> plentiful = names(prefix + "item-", PLENTIFUL_ITEMS);
		List<String> scarce = names(prefix + "scarce-", SCARCE_ITEMS);
		List<String> unstocked = names(prefix + "unstocked-", 2);
		Map<String, Long> stock = new LinkedHashMap<>();
		plentiful.forEach((item) -> stock.put(item, 1_000_000L));
		// about 8% of checkouts want 2 units of a scarce item on average: a few in
		// eight find them sold out
		long scarceStock = Math.max(5, count * 8L * 2 / 100 / SCARCE_ITEMS / 4);
		scarce.forEach((item) -> stock.put(item, scarceStock));
		List<PlannedCheckout> checkouts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<String> chosen = new ArrayList<>(plentiful);
			Collections.shuffle(chosen, random);
			List<CheckoutItem> items = new ArrayList<>();
			int lines = 1 + random.nextInt(3);
			for (int line = 0; line < lines; line++) {
				items.add(new CheckoutItem(chosen.get(line), 1 + random.nextInt(3)));
			}
			double extra = random.nextDouble();
			if (extra < 0.08) {
				items.add(new CheckoutItem(scarce.get(random.nextInt(scarce.size())), 1 + random.nextInt(3)));
			}
			else if (extra < 0.09) {
				items.add(new CheckoutItem(unstocked.get(random.nextInt(unstocked.size())), 1));
			}
			checkouts.add(new PlannedCheckout(i, uuid(random),
					random.nextBoolean() ? PlannedCheckout.Channel.REST : PlannedCheckout.Channel.KAFKA,
					"user-" + random.nextInt(1000), items));
		}
		Trigger trigger = new Trigger(Trigger.Kind.SUBMITTED, (int) (count * (0.25 + 0.2 * random.nextDouble())));
		Duration downtime = switch (scenario.fault()) {
			case OUTAGE, FREEZE -> outage;
			default -> Duration.ofMillis(500 + random.nextInt(1500));
		};
		return new ScenarioPlan(scenario, seed, checkouts, stock, new LinkedHashSet<>(unstocked), ratePerSecond,
				trigger, downtime);
	}

	private static ScenarioPlan contention(Scenario scenario, long seed, Random random, int itemCount) {
		List<String> items = names(scenario.label() + "-one-", itemCount);
		Map<String, Long> stock = new LinkedHashMap<>();
		items.forEach((item) -> stock.put(item, 1L));
		List<String> wanted = new ArrayList<>();
		for (int round = 0; round < CONTENDERS_PER_ITEM; round++) {
			wanted.addAll(items);
		}
		Collections.shuffle(wanted, random);
		List<PlannedCheckout> checkouts = new ArrayList<>();
		for (int i = 0; i < wanted.size(); i++) {
			checkouts.add(new PlannedCheckout(i, uuid(random),
					random.nextBoolean() ? PlannedCheckout.Channel.REST : PlannedCheckout.Channel.KAFKA,
					"user-" + random.nextInt(1000), List.of(new CheckoutItem(wanted.get(i), 1))));
		}
		// strike while the sagas run: once a seeded share of them has ended
		Trigger trigger = new Trigger(Trigger.Kind.ENDED, (int) (wanted.size() * (0.1 + 0.3 * random.nextDouble())));
		Duration downtime = Duration.ofMillis(500 + random.nextInt(1500));
		return new ScenarioPlan(scenario, seed, checkouts, stock, Set.of(), 0, trigger, downtime);
	}

	/**
	 * @return every item id the plan's checkouts name, stocked or not
	 */
	Set<String> items() {
		Set<String> items = new LinkedHashSet<>(this.initialStock.keySet());
		items.addAll(this.unstockedItems);
		return items;
	}

	/**
	 * @return the plan in one line, for the report
	 */
	String describe() {
		long rest = this.checkouts.stream().filter((c) -> c.channel() == PlannedCheckout.Channel.REST).count();
		String pace = (this.ratePerSecond > 0) ? String.format("%.0f/s", this.ratePerSecond) : "all at once";
		String fault = switch (this.scenario.fault()) {
			case NONE, NOT_RUN -> "no fault";
			case KILL -> String.format("kill -9 %s %s, down %.1f s", this.scenario.part().label(), this.trigger,
					this.downtime.toMillis() / 1000.0);
			case OUTAGE -> String.format("stop %s %s for %d s", this.scenario.part().label(), this.trigger,
					this.downtime.toSeconds());
			case FREEZE -> String.format("freeze %s %s for %d s", this.scenario.part().label(), this.trigger,
					this.downtime.toSeconds());
		};
		return String.format("seed %d: %d checkouts (%d REST, %d Kafka) %s on %d items; %s", this.seed,
				this.checkouts.size(), rest, this.checkouts.size() - rest, pace, items().size(), fault);
	}

	private static List<String> names(String prefix, int count) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(prefix + i);
		}
		return names;
	}

	/** A random (version 4) UUID drawn from the plan's seed. */
	private static String uuid(Random random) {
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	/**
	 * When the fault strikes.
	 *
	 * @param kind what is counted
	 * @param threshold how many
	 */
	record Trigger(Kind kind, int threshold) {

		@Override
		public String toString() {
			return (this.kind == Kind.SUBMITTED) ? "after " + this.threshold + " submitted"
					: "after " + this.threshold + " ended";
		}

		/** What a trigger counts. */
		enum Kind {

			/** Checkouts sent. */
			SUBMITTED,

			/** Checkouts with an outcome on {@code checkout-results}. */
			ENDED

		}

	}

}
