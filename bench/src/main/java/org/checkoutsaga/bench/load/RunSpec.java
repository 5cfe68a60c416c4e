package org.checkoutsaga.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured run: how checkouts enter, which items they take, and how many there are.
 * Its name reads {@code <ingress>-<pool>-<events>}, e.g. {@code kafka-spread-1000}.
 *
 * @param ingress how the checkouts enter the suite
 * @param pool the items drawn from and their initial stock
 * @param events how many checkouts the run sends
 */
public record RunSpec(Ingress ingress, Pool pool, int events) {

	/** The thesis' burst sizes (Tables 4.2 and 4.3). */
	public static final List<Integer> BURSTS = List.of(100, 500, 1000);

	/** The sustained runs added beyond the thesis. */
	public static final List<Integer> SUSTAINED = List.of(10_000, 50_000);

	public RunSpec {
		if (ingress == null || pool == null) {
			throw new IllegalArgumentException("ingress and pool are required");
		}
		if (events < 1) {
			throw new IllegalArgumentException("a run needs at least one event, was " + events);
		}
	}

	/**
	 * @return e.g. {@code kafka-spread-1000}
	 */
	public String name() {
		return variant() + "-" + this.events;
	}

	/**
	 * @return the run without its size, e.g. {@code kafka-spread}
	 */
	public String variant() {
		return this.ingress.label() + "-" + this.pool.label();
	}

	/**
	 * Parse a run name.
	 * @param name {@code <ingress>-<pool>-<events>}, e.g. {@code rest-hot-500}
	 * @return the run
	 */
	public static RunSpec parse(String name) {
		String[] parts = name.trim().toLowerCase(Locale.ROOT).split("-");
		if (parts.length != 3) {
			throw new IllegalArgumentException(
					"A run is named <kafka|rest>-<spread|hot|scarce>-<events>, e.g. kafka-spread-1000; got: " + name);
		}
		int events;
		try {
			events = Integer.parseInt(parts[2].replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a number of events in run '" + name + "': " + parts[2]);
		}
		return new RunSpec(Ingress.of(parts[0]), Pool.of(parts[1]), events);
	}

	/**
	 * Runs by name or by group: {@code bursts} (the thesis' 100, 500, 1000 for both
	 * ingresses and both pools), {@code sustained} (10,000 and 50,000), {@code scarce}
	 * (1000 with stock 50, both ingresses), {@code all} (all of these).
	 * @param list comma-separated names or groups
	 * @return the runs in the order given
	 */
	public static List<RunSpec> parseList(String list) {
		List<RunSpec> runs = new ArrayList<>();
		for (String entry : list.split(",")) {
			String name = entry.trim().toLowerCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			switch (name) {
				case "all" -> runs.addAll(all());
				case "bursts" -> runs.addAll(grid(BURSTS));
				case "sustained" -> runs.addAll(grid(SUSTAINED));
				case "scarce" -> runs.addAll(scarce());
				default -> runs.add(parse(name));
			}
		}
		if (runs.isEmpty()) {
			throw new IllegalArgumentException("No run named in '" + list + "'");
		}
		return runs;
	}

	/**
	 * The full benchmark: the thesis' bursts, the sustained runs, the scarce-stock runs.
	 * @return the runs in the order they are measured
	 */
	public static List<RunSpec> all() {
		List<RunSpec> runs = new ArrayList<>(grid(BURSTS));
		runs.addAll(grid(SUSTAINED));
		runs.addAll(scarce());
		return runs;
	}

	/**
	 * A smoke run: a few checkouts through each ingress.
	 * @return the runs
	 */
	public static List<RunSpec> quick() {
		return List.of(new RunSpec(Ingress.KAFKA, Pool.SPREAD, 50), new RunSpec(Ingress.REST, Pool.SPREAD, 20));
	}

	/** Per size: both pools, each through Kafka then REST. */
	private static List<RunSpec> grid(List<Integer> sizes) {
		List<RunSpec> runs = new ArrayList<>();
		for (int size : sizes) {
			for (Pool pool : List.of(Pool.SPREAD, Pool.HOT)) {
				for (Ingress ingress : Ingress.values()) {
					runs.add(new RunSpec(ingress, pool, size));
				}
			}
		}
		return runs;
	}

	private static List<RunSpec> scarce() {
		return List.of(new RunSpec(Ingress.KAFKA, Pool.SCARCE, 1000), new RunSpec(Ingress.REST, Pool.SCARCE, 1000));
	}

	/** How checkouts enter the suite. */
	public enum Ingress {

		/** Thesis payloads produced to {@code checkout-events}, key = request id. */
		KAFKA,

		/** {@code POST /checkouts} with an {@code Idempotency-Key}. */
		REST;

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Ingress of(String label) {
			for (Ingress ingress : values()) {
				if (ingress.label().equals(label)) {
					return ingress;
				}
			}
			throw new IllegalArgumentException("Unknown ingress '" + label + "': kafka or rest");
		}

	}

	/**
	 * The items a run draws from ({@code item-0 .. item-<size-1>}) and the stock each is
	 * set to before the run.
	 */
	public enum Pool {

		/** 100 items, stock 1,000,000: every checkout succeeds. */
		SPREAD(100, 1_000_000),

		/** 10 items, stock 1,000,000: stresses one-at-a-time work per item. */
		HOT(10, 1_000_000),

		/** 100 items, stock 50: items run out, checkouts are rejected and compensated. */
		SCARCE(100, 50);

		private final int size;

		private final long stock;

		Pool(int size, long stock) {
			this.size = size;
			this.stock = stock;
		}

		public int size() {
			return this.size;
		}

		public long stock() {
			return this.stock;
		}

		public List<String> items() {
			List<String> items = new ArrayList<>(this.size);
			for (int i = 0; i < this.size; i++) {
				items.add("item-" + i);
			}
			return items;
		}

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Pool of(String label) {
			for (Pool pool : values()) {
				if (pool.label().equals(label)) {
					return pool;
				}
			}
			throw new IllegalArgumentException("Unknown pool '" + label + "': spread, hot or scarce");
		}

	}

}
