package org.checkoutsaga.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.checkoutsaga.bench.load.RunSpec;
import org.checkoutsaga.bench.results.RunResult;
import org.checkoutsaga.bench.results.ThesisReference;

/**
 * The thesis' figures, redrawn from our runs as PNG files (XChart):
 * <ul>
 * <li>{@code throughput.png}: throughput per burst size and variant (Figures 4.1,
 * 4.2);</li>
 * <li>{@code latency-distribution-bursts.png} and
 * {@code latency-distribution-sustained.png}: latency box plots per run (Figure
 * 4.3);</li>
 * <li>{@code latency-by-index-1000.png}: latency by request index in the bursts of 1000
 * (Figure 4.4);</li>
 * <li>{@code mean-latency.png}: mean latency per burst size, the thesis' EP1 (solid) and
 * EP3 (dashed) lines beside ours (Figure 4.5).</li>
 * </ul>
 * A chart without data (e.g. no burst of 1000 was run) is not written.
 */
public final class Charts {

	private static final int WIDTH = 1000;

	private static final int HEIGHT = 600;

	/** Ours, apart from the thesis' blue, red and orange. */
	private static final Color[] OUR_COLORS = { Color.BLACK, new Color(0x2ca02c), new Color(0x9467bd),
			new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f) };

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private Charts() {
	}

	/**
	 * Write every chart the results allow.
	 * @param results the measured runs
	 * @param dir where to write
	 * @return the files written
	 * @throws IOException if a file cannot be written
	 */
	public static List<Path> write(List<RunResult> results, Path dir) throws IOException {
		Files.createDirectories(dir);
		List<Path> written = new ArrayList<>();
		List<RunResult> measured = results.stream().filter((r) -> r.spec().pool() != RunSpec.Pool.SCARCE).toList();
		save(throughput(measured), dir.resolve("throughput.png"), written);
		save(distribution(measured.stream().filter((r) -> RunSpec.BURSTS.contains(r.spec().events())).toList(),
				"Latency distribution per burst (cf. thesis Figure 4.3)"),
				dir.resolve("latency-distribution-bursts.png"), written);
		save(distribution(measured.stream().filter((r) -> !RunSpec.BURSTS.contains(r.spec().events())).toList(),
				"Latency distribution, sustained and other runs"), dir.resolve("latency-distribution-sustained.png"),
				written);
		save(byIndex(measured.stream().filter((r) -> r.spec().events() == 1000).toList()),
				dir.resolve("latency-by-index-1000.png"), written);
		save(meanLatency(measured), dir.resolve("mean-latency.png"), written);
		return written;
	}

	/** Figures 4.1/4.2: one bar group per burst size, one bar per variant. */
	static CategoryChart throughput(List<RunResult> results) {
		if (results.isEmpty()) {
			return null;
		}
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("Average throughput per burst size (cf. thesis Figures 4.1, 4.2)")
			.xAxisTitle("Events per run")
			.yAxisTitle("Checkouts per second")
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		chart.getStyler().setLabelsVisible(false);
		Set<Integer> sizes = new TreeSet<>();
		results.forEach((r) -> sizes.add(r.spec().events()));
		List<String> categories = sizes.stream().map(String::valueOf).toList();
		Map<String, Map<Integer, Double>> byVariant = new LinkedHashMap<>();
		for (RunResult result : results) {
			byVariant.computeIfAbsent(result.spec().variant(), (v) -> new LinkedHashMap<>())
				.put(result.spec().events(), result.throughput());
		}
		byVariant.forEach((variant, values) -> chart.addSeries(variant, categories,
				sizes.stream().map((size) -> (Number) values.getOrDefault(size, 0.0)).toList()));
		List<Number> thesis = new ArrayList<>();
		boolean any = false;
		for (int size : sizes) {
			double value = ThesisReference.ROWS.stream()
				.filter((row) -> row.plan().equals("EP1") && row.system().equals("Flink K8s") && row.events() == size)
				.mapToDouble(ThesisReference.Row::throughput)
				.findFirst()
				.orElse(0);
			any |= value > 0;
			thesis.add(value);
		}
		if (any) {
			chart.addSeries("thesis EP1 Flink K8s", categories, thesis);
		}
		return chart;
	}

	/**
	 * Figure 4.3: a box per run: quartiles, the median, whiskers at 1.5 IQR, crosses for
	 * outliers.
	 */
	static BoxChart distribution(List<RunResult> results, String title) {
		List<RunResult> withData = results.stream().filter((r) -> r.completed() > 0).toList();
		if (withData.isEmpty()) {
			return null;
		}
		BoxChart chart = new BoxChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.yAxisTitle("Latency (ms)")
			.build();
		chart.getStyler().setLegendVisible(false);
		chart.getStyler().setXAxisLabelRotation(30);
		List<String> labels = uniqueLabels(withData.stream().map((r) -> r.spec().name()).toList());
		for (int run = 0; run < withData.size(); run++) {
			List<Number> latencies = new ArrayList<>();
			for (long latency : withData.get(run).completedLatencies()) {
				latencies.add(latency);
			}
			chart.addSeries(labels.get(run), latencies);
		}
		return chart;
	}

	/** Figure 4.4: latency by request index, one series per run of 1000. */
	static XYChart byIndex(List<RunResult> results) {
		List<RunResult> withData = results.stream().filter((r) -> r.completed() > 0).toList();
		if (withData.isEmpty()) {
			return null;
		}
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("Latency by request index, bursts of 1000 (cf. thesis Figure 4.4)")
			.xAxisTitle("Request index (order created)")
			.yAxisTitle("Latency (ms)")
			.build();
		chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
		chart.getStyler().setMarkerSize(3);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		List<String> labels = uniqueLabels(withData.stream().map((r) -> r.spec().variant()).toList());
		for (int run = 0; run < withData.size(); run++) {
			List<Number> x = new ArrayList<>();
			List<Number> y = new ArrayList<>();
			long[] latencies = withData.get(run).latenciesByIndex();
			for (int i = 0; i < latencies.length; i++) {
				if (latencies[i] >= 0) {
					x.add(i);
					y.add(latencies[i]);
				}
			}
			chart.addSeries(labels.get(run), x, y);
		}
		return chart;
	}

	/**
	 * Series names must be unique: a run measured again (for an A/B comparison) is named
	 * "kafka-spread-1000 #2".
	 */
	static List<String> uniqueLabels(List<String> names) {
		Map<String, Integer> seen = new LinkedHashMap<>();
		List<String> labels = new ArrayList<>(names.size());
		for (String name : names) {
			int count = seen.merge(name, 1, Integer::sum);
			labels.add((count == 1) ? name : name + " #" + count);
		}
		return labels;
	}

	/**
	 * Figure 4.5: mean latency per number of events; the thesis' EP1 lines solid, EP3
	 * dashed, ours thick. Both axes logarithmic, as the values span orders of magnitude.
	 */
	static XYChart meanLatency(List<RunResult> results) {
		List<RunResult> withData = results.stream().filter((r) -> r.completed() > 0).toList();
		if (withData.isEmpty()) {
			return null;
		}
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("Mean latency per burst size; thesis EP1 solid, EP3 dashed (cf. thesis Figure 4.5)")
			.xAxisTitle("Events per run")
			.yAxisTitle("Mean latency (ms)")
			.build();
		chart.getStyler().setXAxisLogarithmic(true);
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
		Map<String, Map<Integer, Double>> byVariant = new LinkedHashMap<>();
		for (RunResult result : withData) {
			byVariant.computeIfAbsent(result.spec().variant(), (v) -> new java.util.TreeMap<>())
				.put(result.spec().events(), Math.max(1, result.latency().mean()));
		}
		int ours = 0;
		for (Map.Entry<String, Map<Integer, Double>> variant : byVariant.entrySet()) {
			XYSeries series = chart.addSeries(variant.getKey(), new ArrayList<Number>(variant.getValue().keySet()),
					new ArrayList<Number>(variant.getValue().values()));
			Color color = OUR_COLORS[ours++ % OUR_COLORS.length];
			series.setLineColor(color);
			series.setMarkerColor(color);
			series.setLineStyle(new BasicStroke(3f));
			series.setMarker(SeriesMarkers.CIRCLE);
		}
		Set<String> systems = new LinkedHashSet<>();
		ThesisReference.ROWS.forEach((row) -> systems.add(row.system()));
		Color[] colors = { new Color(0x1f77b4), new Color(0xd62728), new Color(0xff7f0e) };
		int index = 0;
		for (String system : systems) {
			for (String plan : List.of("EP1", "EP3")) {
				List<Number> x = new ArrayList<>();
				List<Number> y = new ArrayList<>();
				ThesisReference.ROWS.stream()
					.filter((row) -> row.system().equals(system) && row.plan().equals(plan))
					.forEach((row) -> {
						x.add(row.events());
						y.add(row.mean());
					});
				XYSeries series = chart.addSeries("thesis " + plan + " " + system, x, y);
				series.setLineColor(colors[index % colors.length]);
				series.setMarkerColor(colors[index % colors.length]);
				series.setMarker(SeriesMarkers.NONE);
				series.setLineStyle(plan.equals("EP1") ? new BasicStroke(1.5f) : new BasicStroke(1.5f,
						BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 6f, 4f }, 0f));
			}
			index++;
		}
		return chart;
	}

	private static void save(Chart<?, ?> chart, Path file, List<Path> written) throws IOException {
		if (chart == null) {
			return;
		}
		try (OutputStream out = Files.newOutputStream(file)) {
			BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
		}
		written.add(file);
	}

}
