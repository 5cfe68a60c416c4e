package org.checkoutsaga.bench.results;

import java.util.List;

/**
 * The thesis' own numbers, to print beside ours: latencies from its Tables 4.2 (EP1, one
 * vCPU) and 4.3 (EP3, four vCPUs); throughputs from its text (sections 4.3.2, 4.3.3,
 * 4.3.8, 4.3.9), which gives only some of them; the others appear only in its Figures 4.1
 * and 4.2 and are left out ({@code NaN}) rather than read off a bar.
 */
public final class ThesisReference {

	private static final double UNKNOWN = Double.NaN;

	/** Every row of Tables 4.2 and 4.3. */
	public static final List<Row> ROWS = List.of(
			// Table 4.2: EP1, 1 vCPU, 3.5 GB
			new Row("EP1", "Flink K8s", 100, 450, 534, 573, 613, 162.87),
			new Row("EP1", "Flink K8s", 500, 726, 803, 820, 884, 550.7),
			new Row("EP1", "Flink K8s", 1000, 935, 1084, 1094, 1104, 855.43),
			new Row("EP1", "ADF Default", 100, 2483, 3151, 3254, 3368, UNKNOWN),
			new Row("EP1", "ADF Default", 500, 9014, 12420, 12693, 12918, 38.27),
			new Row("EP1", "ADF Default", 1000, 17914, 25201, 25958, 26598, 37.25),
			new Row("EP1", "ADF Netherite", 100, 1792, 1958, 1980, 1997, UNKNOWN),
			new Row("EP1", "ADF Netherite", 500, 6168, 7380, 7460, 7570, UNKNOWN),
			new Row("EP1", "ADF Netherite", 1000, 12308, 14944, 15152, 15301, 64.82),
			// Table 4.3: EP3, 4 vCPU, 14 GB
			new Row("EP3", "Flink K8s", 100, 402, 555, 556, 557, UNKNOWN),
			new Row("EP3", "Flink K8s", 500, 521, 615, 618, 713, UNKNOWN),
			new Row("EP3", "Flink K8s", 1000, 716, 808, 958, 984, 1007.05),
			new Row("EP3", "ADF Default", 100, 1044, 1652, 1676, 2713, UNKNOWN),
			new Row("EP3", "ADF Default", 500, 4918, 7061, 7191, 7299, UNKNOWN),
			new Row("EP3", "ADF Default", 1000, 8769, 12589, 12935, 13810, 71.07),
			new Row("EP3", "ADF Netherite", 100, 816, 906, 916, 920, UNKNOWN),
			new Row("EP3", "ADF Netherite", 500, 1273, 1746, 1756, 1795, UNKNOWN),
			new Row("EP3", "ADF Netherite", 1000, 2125, 3310, 3697, 3752, 260.47));

	private ThesisReference() {
	}

	/**
	 * @param events a burst size
	 * @return the thesis' rows of that size, EP1 before EP3
	 */
	public static List<Row> forEvents(int events) {
		return ROWS.stream().filter((row) -> row.events() == events).toList();
	}

	/**
	 * One row of Table 4.2 or 4.3.
	 *
	 * @param plan EP1 (1 vCPU) or EP3 (4 vCPUs)
	 * @param system the platform and backend
	 * @param events the burst size
	 * @param mean mean latency, ms
	 * @param p90 ms
	 * @param p95 ms
	 * @param p99 ms
	 * @param throughput events per second as the text states it, NaN where it does not
	 */
	public record Row(String plan, String system, int events, double mean, long p90, long p95, long p99,
			double throughput) {

		/**
		 * @return e.g. {@code thesis EP1 Flink K8s}
		 */
		public String label() {
			return "thesis " + this.plan + " " + this.system;
		}

	}

}
