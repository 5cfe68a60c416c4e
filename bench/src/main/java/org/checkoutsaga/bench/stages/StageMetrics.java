package org.checkoutsaga.bench.stages;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A per-stage breakdown from the services' own Micrometer meters, read through
 * {@code /actuator/metrics/<name>} before and after a run: for each timer or summary the
 * number recorded during the run and their mean (total / count). Which meters a stage
 * would need but the services do not have is listed, so they can be added.
 */
public final class StageMetrics {

	static final String ORCHESTRATOR = "checkout-orchestrator";

	static final String STOCK = "stock-entity-service";

	static final String RECEIPT = "receipt-service";

	/** The meters read, per service, split by one tag where a tag names the stage. */
	static final List<Probe> PROBES = List.of(
			new Probe(ORCHESTRATOR, "http.server.requests", "uri",
					"REST ingress (POST /checkouts until start durable)"),
			new Probe(ORCHESTRATOR, "spring.kafka.listener", "name", "checkout-events listener batch"),
			new Probe(ORCHESTRATOR, "groupcommit.queue.wait", "committer",
					"history write waiting until the committer takes it"),
			new Probe(ORCHESTRATOR, "groupcommit.commit", "committer", "history group commit (write+commit+sync)"),
			new Probe(ORCHESTRATOR, "groupcommit.sync", "committer", "history disk sync per group"),
			new Probe(ORCHESTRATOR, "groupcommit.batch.size", "committer", "history events per group"),
			new Probe(ORCHESTRATOR, "http.client.requests", "uri", "calls to stock and receipt"),
			new Probe(ORCHESTRATOR, "resilience4j.circuitbreaker.calls", "name",
					"participant calls through the breaker"),
			new Probe(ORCHESTRATOR, "resilience4j.retry.calls", "name", "participant calls by retry outcome"),
			new Probe(ORCHESTRATOR, "spring.kafka.template", "name", "Kafka sends (REST submit, outcomes)"),
			new Probe(ORCHESTRATOR, "checkout.stage", "stage", "per-checkout stage, until it is durable"),
			new Probe(ORCHESTRATOR, "checkout.latency", null, "end to end as the orchestrator sees it"),
			new Probe(ORCHESTRATOR, "checkout.finished", "status", "checkouts ended"),
			new Probe(STOCK, "http.server.requests", "uri", "stock API (POST /stock/operations: a batch)"),
			new Probe(STOCK, "stock.mailbox.wait", null, "operation waiting in its item's mailbox (hot items)"),
			new Probe(STOCK, "groupcommit.queue.wait", "committer", "ledger write waiting for its group"),
			new Probe(STOCK, "groupcommit.commit", "committer", "stock ledger group commit (write+commit+sync)"),
			new Probe(STOCK, "groupcommit.sync", "committer", "ledger disk sync per group"),
			new Probe(STOCK, "groupcommit.batch.size", "committer", "ledger writes per group"),
			new Probe(STOCK, "stock.operations", "kind", "stock operations answered"),
			new Probe(RECEIPT, "http.server.requests", "uri", "receipt API (PUT /receipts/{checkoutId})"),
			new Probe(RECEIPT, "groupcommit.queue.wait", "committer", "receipt write waiting for its group"),
			new Probe(RECEIPT, "groupcommit.commit", "committer", "receipt group commit (write+commit+sync)"),
			new Probe(RECEIPT, "groupcommit.sync", "committer", "receipt disk sync per group"),
			new Probe(RECEIPT, "groupcommit.batch.size", "committer", "receipts per group"),
			new Probe(ORCHESTRATOR, "jvm.gc.pause", null, "GC pauses (the orchestrator's JVM)"),
			new Probe(STOCK, "jvm.gc.pause", null, "GC pauses (the stock service's JVM)"),
			new Probe(RECEIPT, "jvm.gc.pause", null, "GC pauses (the receipt service's JVM)"));

	/**
	 * Meters a stage breakdown needs that the services may not have; each is reported as
	 * missing when its service does not expose it.
	 */
	static final List<Wanted> WANTED = List.of(
			new Wanted(ORCHESTRATOR, "http.client.requests",
					"client-side time of each stock/receipt call (its HttpClient observed by Micrometer)"),
			new Wanted(ORCHESTRATOR, "kafka.consumer.fetch.manager.records.lag.max",
					"consumer lag of checkout-events (how far ingress is behind)"));

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, URI> services;

	private final boolean oneJvm;

	private final String authorization;

	/**
	 * @param services base URL per service name
	 * @param oneJvm whether all services share one JVM (JVM meters are then read once)
	 * @param apiKey a key with role OPERATOR on every service
	 */
	public StageMetrics(Map<String, URI> services, boolean oneJvm, String apiKey) {
		this.authorization = "Bearer " + apiKey;
		this.services = services;
		this.oneJvm = oneJvm;
	}

	/**
	 * Read every probe that exists.
	 * @return the meters now
	 */
	public Snapshot snapshot() {
		Map<String, Set<String>> names = new LinkedHashMap<>();
		Map<String, Measure> measures = new LinkedHashMap<>();
		for (Map.Entry<String, URI> service : this.services.entrySet()) {
			JsonNode list = get(service.getValue(), "/actuator/metrics");
			Set<String> available = new LinkedHashSet<>();
			if (list != null) {
				list.path("names").forEach((name) -> available.add(name.asString()));
			}
			names.put(service.getKey(), available);
		}
		for (Probe probe : PROBES) {
			URI base = this.services.get(probe.service());
			if (base == null || !names.getOrDefault(probe.service(), Set.of()).contains(probe.metric())
					|| (this.oneJvm && probe.metric().startsWith("jvm.") && !ORCHESTRATOR.equals(probe.service()))) {
				continue;
			}
			read(base, probe, measures);
		}
		return new Snapshot(names, measures);
	}

	/**
	 * What the services recorded between two snapshots.
	 * @param before taken before the run
	 * @param after taken after it
	 * @param events checkouts in the run, for the per-checkout counts
	 * @return one row per meter and tag value that recorded anything
	 */
	public static List<StageDelta> between(Snapshot before, Snapshot after, int events) {
		List<StageDelta> deltas = new ArrayList<>();
		after.measures().forEach((key, now) -> {
			Measure then = before.measures().getOrDefault(key, Measure.ZERO);
			double count = now.count() - then.count();
			if (count <= 0) {
				return;
			}
			double total = now.total() - then.total();
			double mean = now.hasTotal() ? total / count : Double.NaN;
			boolean seconds = "seconds".equals(now.baseUnit());
			deltas.add(new StageDelta(now.probe().service(), now.probe().label(), now.probe().metric(), now.tagValue(),
					(long) count, count / Math.max(1, events), seconds ? mean * 1000 : mean,
					seconds ? "ms" : (now.baseUnit() != null ? now.baseUnit() : "")));
		});
		return deltas;
	}

	/**
	 * The probes and wanted meters a service does not expose.
	 * @param snapshot any snapshot
	 * @return e.g. {@code checkout-orchestrator http.client.requests: why it is wanted}
	 */
	public static List<String> missing(Snapshot snapshot) {
		Set<String> missing = new LinkedHashSet<>();
		for (Wanted wanted : WANTED) {
			if (!snapshot.has(wanted.service(), wanted.metric())) {
				missing.add(wanted.service() + " " + wanted.metric() + ": " + wanted.why());
			}
		}
		for (Probe probe : PROBES) {
			if (!probe.metric().startsWith("jvm.") && !snapshot.has(probe.service(), probe.metric()) && WANTED.stream()
				.noneMatch((w) -> w.service().equals(probe.service()) && w.metric().equals(probe.metric()))) {
				missing.add(probe.service() + " " + probe.metric() + ": " + probe.label());
			}
		}
		return List.copyOf(missing);
	}

	/**
	 * The probes a service does expose.
	 * @param snapshot any snapshot
	 * @return e.g. {@code checkout-orchestrator groupcommit.commit}
	 */
	public static List<String> present(Snapshot snapshot) {
		Set<String> present = new LinkedHashSet<>();
		for (Probe probe : PROBES) {
			if (snapshot.has(probe.service(), probe.metric())) {
				present.add(probe.service() + " " + probe.metric());
			}
		}
		return List.copyOf(present);
	}

	private void read(URI base, Probe probe, Map<String, Measure> measures) {
		JsonNode meter = get(base, "/actuator/metrics/" + probe.metric());
		if (meter == null) {
			return;
		}
		if (probe.tag() == null) {
			measures.put(probe.key(null), Measure.of(probe, null, meter));
			return;
		}
		for (JsonNode tag : meter.path("availableTags")) {
			if (!probe.tag().equals(tag.path("tag").asString())) {
				continue;
			}
			for (JsonNode value : tag.path("values")) {
				String tagValue = value.asString();
				if (tagValue.startsWith("/actuator")) {
					continue;
				}
				JsonNode tagged = get(base, "/actuator/metrics/" + probe.metric() + "?tag="
						+ URLEncoder.encode(probe.tag() + ":" + tagValue, StandardCharsets.UTF_8));
				if (tagged != null) {
					measures.put(probe.key(tagValue), Measure.of(probe, tagValue, tagged));
				}
			}
			return;
		}
		// the tag is not there (yet): the meter as a whole
		measures.put(probe.key(null), Measure.of(probe, null, meter));
	}

	private JsonNode get(URI base, String path) {
		URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", this.authorization).build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? this.json.readTree(response.body()) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * A meter read for the breakdown.
	 *
	 * @param service the service exposing it
	 * @param metric the meter's name
	 * @param tag the tag whose values name the stage, null to read the meter as a whole
	 * @param label what the stage is
	 */
	record Probe(String service, String metric, String tag, String label) {

		String key(String tagValue) {
			return this.service + " " + this.metric + ((tagValue != null) ? " " + this.tag + "=" + tagValue : "");
		}

	}

	/**
	 * A meter that a stage breakdown needs.
	 *
	 * @param service the service that should expose it
	 * @param metric a name for it
	 * @param why what it would tell
	 */
	record Wanted(String service, String metric, String why) {
	}

	/**
	 * The meters at one moment.
	 *
	 * @param names the meter names each service exposes
	 * @param measures the readings, by service, meter and tag value
	 */
	public record Snapshot(Map<String, Set<String>> names, Map<String, Measure> measures) {

		boolean has(String service, String metric) {
			return this.names.getOrDefault(service, Set.of()).contains(metric);
		}

	}

	/**
	 * One reading of a timer, summary or counter.
	 *
	 * @param probe what was read
	 * @param tagValue the tag value read, null for the whole meter
	 * @param count recordings (COUNT)
	 * @param total their sum (TOTAL_TIME or TOTAL), NaN for a counter
	 * @param baseUnit e.g. {@code seconds}
	 */
	public record Measure(Probe probe, String tagValue, double count, double total, String baseUnit) {

		static final Measure ZERO = new Measure(null, null, 0, 0, null);

		boolean hasTotal() {
			return !Double.isNaN(this.total);
		}

		static Measure of(Probe probe, String tagValue, JsonNode meter) {
			double count = 0;
			double total = Double.NaN;
			for (JsonNode measurement : meter.path("measurements")) {
				String statistic = measurement.path("statistic").asString();
				double value = measurement.path("value").asDouble();
				switch (statistic) {
					case "COUNT" -> count = value;
					case "TOTAL_TIME", "TOTAL" -> total = value;
					default -> {
						// MAX is a rolling maximum, not the run's; VALUE is a gauge
					}
				}
			}
			JsonNode unit = meter.get("baseUnit");
			return new Measure(probe, tagValue, count, total,
					(unit != null && !unit.isNull()) ? unit.asString() : null);
		}

	}

	/**
	 * What one meter recorded during a run.
	 *
	 * @param service the service
	 * @param stage what the meter measures
	 * @param metric the meter's name
	 * @param tagValue the stage's tag value, null for the whole meter
	 * @param count recordings during the run
	 * @param perCheckout recordings per checkout of the run
	 * @param mean mean per recording (ms for timers), NaN for a counter
	 * @param unit the unit of the mean
	 */
	public record StageDelta(String service, String stage, String metric, String tagValue, long count,
			double perCheckout, double mean, String unit) {
	}

}
