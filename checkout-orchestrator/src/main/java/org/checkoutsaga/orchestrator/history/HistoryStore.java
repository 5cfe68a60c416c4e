package org.checkoutsaga.orchestrator.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.orchestrator.engine.SagaLog;
import org.checkoutsaga.orchestrator.engine.StoredSaga;
import org.checkoutsaga.support.GroupCommitter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The saga history in the database. Every append is queued to one {@link GroupCommitter}:
 * the events of many sagas go into one transaction with one disk sync, and each caller's
 * future completes when its event is durable.
 */
@Component
public class HistoryStore implements SagaLog<SagaEvent>, AutoCloseable {

	private static final int QUERY_CHUNK = 500;

	/** Sagas whose numbers are kept in memory: more than ever run at once. */
	private static final int NUMBERS_KEPT = 100_000;

	private final GroupCommitter<Write> committer;

	private final SagaRecords records;

	private final JsonMapper json;

	private final Clock clock;

	/** Plain queries for the events, and for what runs on every REST submission. */
	private final JdbcClient jdbc;

	/**
	 * The numbers of sagas begun here, by id, once their start is durable, so that their
	 * events are stored by number without looking the number up; also those of sagas
	 * resumed here. A saga missing here (dropped as the eldest) is looked up in the same
	 * statement that stores its event.
	 */
	private final Map<String, Long> numbers = Collections.synchronizedMap(new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
			return size() > NUMBERS_KEPT;
		}

	});

	HistoryStore(DataSource dataSource, CheckoutProperties properties, SagaRecords records, JsonMapper json,
			Clock clock, MeterRegistry meterRegistry) {
		this.records = records;
		this.json = json;
		this.clock = clock;
		this.jdbc = JdbcClient.create(dataSource);
		this.committer = new GroupCommitter<>("saga-history", dataSource, HistoryStore::write,
				properties.groupCommit().toSettings(), meterRegistry);
	}

	@Override
	public CompletableFuture<Void> begin(String sagaId, int partition, String status, SagaEvent first) {
		Write begin = new Write(Kind.BEGIN, sagaId, new long[1], partition, 0, first, serialize(first), status,
				this.clock.millis());
		CompletableFuture<Void> durable = new CompletableFuture<>();
		// on the writer thread, before it writes the next group
		this.committer.submit(begin).whenComplete((done, failure) -> {
			if (failure != null) {
				durable.completeExceptionally(failure);
			}
			else {
				this.numbers.put(sagaId, begin.number()[0]);
				durable.complete(null);
			}
		});
		return durable;
	}

	@Override
	public CompletableFuture<Void> append(String sagaId, int sequence, SagaEvent event, String status,
			boolean finished) {
		Kind kind = finished ? Kind.FINISH : ((status != null) ? Kind.STATUS : Kind.APPEND);
		Long number = this.numbers.get(sagaId);
		return this.committer.submit(new Write(kind, sagaId, (number != null) ? new long[] { number } : null, 0,
				sequence, event, serialize(event), status, this.clock.millis()));
	}

	/**
	 * Notes that a finished saga's outcome reached its consumers, so recovery does not
	 * publish it again. Not awaited: at worst an outcome is published twice.
	 * @param sagaId the saga
	 */
	public void markOutcomePublished(String sagaId) {
		this.numbers.remove(sagaId);
		this.committer.submit(new Write(Kind.PUBLISHED, sagaId, null, 0, 0, null, null, null, 0));
	}

	@Override
	public List<StoredSaga<SagaEvent>> loadUnfinished(Collection<Integer> partitions, Set<String> except) {
		if (partitions.isEmpty()) {
			return List.of();
		}
		return loadToResume(this.records.findByFinishedAtIsNullAndPartitionIn(partitions)
			.stream()
			.filter((record) -> !except.contains(record.getSagaId()))
			.toList());
	}

	/**
	 * The finished sagas of some partitions whose outcome may not have been published.
	 * @param partitions the partitions
	 * @return their histories
	 */
	public List<StoredSaga<SagaEvent>> loadUnpublished(Collection<Integer> partitions) {
		return load(this.records.findByFinishedAtIsNotNullAndOutcomePublishedFalseAndPartitionIn(partitions));
	}

	@Override
	public Optional<StoredSaga<SagaEvent>> load(String sagaId) {
		return this.records.findById(sagaId).map((record) -> loadToResume(List.of(record)).get(0));
	}

	/**
	 * {@inheritDoc} Read with plain queries, no JPA session: this runs for every batch of
	 * checkout events and every REST submission.
	 */
	@Override
	public Set<String> existing(Collection<String> sagaIds) {
		Set<String> found = new HashSet<>();
		for (List<String> chunk : chunks(List.copyOf(sagaIds))) {
			found.addAll(this.jdbc.sql("SELECT saga_id FROM saga_instance WHERE saga_id IN (:ids)")
				.param("ids", chunk)
				.query(String.class)
				.list());
		}
		return found;
	}

	/**
	 * Whether a saga has a history.
	 * @param sagaId the saga
	 * @return true if its start is stored
	 */
	public boolean exists(String sagaId) {
		return !existing(List.of(sagaId)).isEmpty();
	}

	/**
	 * One saga's history with its start and finish times, read with one plain query (no
	 * JPA session: this runs for every REST submission). One statement reads one
	 * snapshot, so a row that shows the saga finished is never paired with a history that
	 * does not end it yet.
	 * @param sagaId the saga
	 * @return its history, or empty if it has none
	 */
	public Optional<SagaHistory> read(String sagaId) {
		ResultSetExtractor<Optional<SagaHistory>> history = (rows) -> {
			if (!rows.next()) {
				return Optional.empty();
			}
			long startedAt = rows.getLong(1);
			Long finishedAt = rows.getObject(2, Long.class);
			List<SagaHistory.Event> events = new ArrayList<>();
			do {
				events.add(new SagaHistory.Event(rows.getInt(3), rows.getLong(4), decode(rows.getString(5))));
			}
			while (rows.next());
			return Optional.of(new SagaHistory(startedAt, finishedAt, events));
		};
		return this.jdbc
			.sql("SELECT s.started_at, s.finished_at, e.seq, e.recorded_at, e.payload FROM saga_instance s"
					+ " JOIN saga_event e ON e.saga_no = s.saga_no WHERE s.saga_id = ? ORDER BY e.seq")
			.param(sagaId)
			.query(history);
	}

	/**
	 * The first events of those of some sagas that have a history, in a few queries: for
	 * telling a repeated checkout from another checkout under the same id.
	 * @param sagaIds the sagas
	 * @return the first event by saga id, for each saga that has one
	 */
	public Map<String, SagaEvent> firstEvents(Collection<String> sagaIds) {
		Map<String, SagaEvent> found = new HashMap<>();
		for (List<String> chunk : chunks(List.copyOf(sagaIds))) {
			this.jdbc
				.sql("SELECT s.saga_id, e.payload FROM saga_instance s"
						+ " JOIN saga_event e ON e.saga_no = s.saga_no AND e.seq = 0 WHERE s.saga_id IN (:ids)")
				.param("ids", chunk)
				.query((RowCallbackHandler) (row) -> found.put(row.getString(1), decode(row.getString(2))));
		}
		return found;
	}

	/**
	 * The histories of some sagas, read in a few queries.
	 * @param sagas the saga rows
	 * @return their histories, in the same order
	 */
	public List<StoredSaga<SagaEvent>> histories(List<SagaRecord> sagas) {
		return load(sagas);
	}

	private SagaEvent decode(String payload) {
		return this.json.readValue(payload, SagaEvent.class);
	}

	@Override
	public void close() {
		this.committer.close();
	}

	/**
	 * Loads the histories of sagas the engine is to drive here: from now on their events
	 * go in by number. This also replaces a number kept from before a saga was purged and
	 * begun again elsewhere.
	 */
	private List<StoredSaga<SagaEvent>> loadToResume(List<SagaRecord> sagas) {
		for (SagaRecord saga : sagas) {
			this.numbers.put(saga.getSagaId(), saga.getSagaNo());
		}
		return load(sagas);
	}

	private List<StoredSaga<SagaEvent>> load(List<SagaRecord> sagas) {
		Map<Long, List<SagaHistory.Event>> bySaga = new HashMap<>();
		for (SagaRecord saga : sagas) {
			bySaga.put(saga.getSagaNo(), new ArrayList<>());
		}
		for (List<Long> chunk : chunks(List.copyOf(bySaga.keySet()))) {
			this.jdbc
				.sql("SELECT saga_no, seq, recorded_at, payload FROM saga_event WHERE saga_no IN (:numbers)"
						+ " ORDER BY saga_no, seq")
				.param("numbers", chunk)
				.query((RowCallbackHandler) (row) -> bySaga.get(row.getLong(1))
					.add(new SagaHistory.Event(row.getInt(2), row.getLong(3), decode(row.getString(4)))));
		}
		List<StoredSaga<SagaEvent>> loaded = new ArrayList<>(sagas.size());
		for (SagaRecord saga : sagas) {
			List<SagaHistory.Event> history = bySaga.get(saga.getSagaNo());
			int next = history.isEmpty() ? 0 : history.get(history.size() - 1).sequence() + 1;
			loaded.add(new StoredSaga<>(saga.getSagaId(), saga.getPartition(),
					history.stream().map(SagaHistory.Event::event).toList(), next));
		}
		return loaded;
	}

	private String serialize(SagaEvent event) {
		return this.json.writeValueAsString(event);
	}

	private static <T> List<List<T>> chunks(List<T> all) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += QUERY_CHUNK) {
			chunks.add(all.subList(from, Math.min(all.size(), from + QUERY_CHUNK)));
		}
		return chunks;
	}

	private static void write(Connection connection, List<Write> batch) throws SQLException {
		try (PreparedStatement begins = connection.prepareStatement(
				"INSERT INTO saga_instance (saga_id, ingress_partition, status, started_at) VALUES (?, ?, ?, ?)",
				new String[] { "saga_no" });
				PreparedStatement events = connection.prepareStatement(
						"INSERT INTO saga_event (saga_no, seq, event_type, payload, recorded_at) VALUES (?, ?, ?, ?, ?)");
				// for a saga whose number is not at hand: looked up by its id
				PreparedStatement eventsById = connection
					.prepareStatement("INSERT INTO saga_event (saga_no, seq, event_type, payload, recorded_at)"
							+ " SELECT saga_no, ?, ?, ?, ? FROM saga_instance WHERE saga_id = ?");
				PreparedStatement finishes = connection
					.prepareStatement("UPDATE saga_instance SET status = ?, finished_at = ? WHERE saga_id = ?");
				PreparedStatement statuses = connection
					.prepareStatement("UPDATE saga_instance SET status = ? WHERE saga_id = ?");
				PreparedStatement published = connection
					.prepareStatement("UPDATE saga_instance SET outcome_published = TRUE WHERE saga_id = ?")) {
			int[] counts = new int[Kind.values().length];
			List<Write> begun = new ArrayList<>();
			for (Write write : batch) {
				counts[write.kind().ordinal()]++;
				switch (write.kind()) {
					case BEGIN -> {
						begins.setString(1, write.sagaId());
						begins.setInt(2, write.partition());
						begins.setString(3, write.status());
						begins.setLong(4, write.at());
						begins.addBatch();
						begun.add(write);
					}
					case STATUS -> {
						statuses.setString(1, write.status());
						statuses.setString(2, write.sagaId());
						statuses.addBatch();
					}
					case FINISH -> {
						finishes.setString(1, write.status());
						finishes.setLong(2, write.at());
						finishes.setString(3, write.sagaId());
						finishes.addBatch();
					}
					case PUBLISHED -> {
						published.setString(1, write.sagaId());
						published.addBatch();
					}
					case APPEND -> {
						// only the event
					}
				}
			}
			// saga rows first: their numbers key the events, and updates may finish them
			if (!begun.isEmpty()) {
				begins.executeBatch();
				takeNumbers(begins, begun);
			}
			storeEvents(events, eventsById, batch);
			executeIfAny(statuses, counts[Kind.STATUS.ordinal()]);
			executeIfAny(finishes, counts[Kind.FINISH.ordinal()]);
			executeIfAny(published, counts[Kind.PUBLISHED.ordinal()]);
		}
	}

	/** Gives each begun saga's write the number its row got. */
	private static void takeNumbers(PreparedStatement begins, List<Write> begun) throws SQLException {
		try (ResultSet keys = begins.getGeneratedKeys()) {
			for (Write write : begun) {
				if (!keys.next()) {
					throw new IllegalStateException("The database returned fewer saga numbers than sagas begun");
				}
				write.number()[0] = keys.getLong(1);
			}
		}
	}

	/** Inserts the events: by number where it is at hand, else looked up by saga id. */
	private static void storeEvents(PreparedStatement events, PreparedStatement eventsById, List<Write> batch)
			throws SQLException {
		int byNumber = 0;
		int byId = 0;
		for (Write write : batch) {
			if (write.kind() == Kind.PUBLISHED) {
				continue;
			}
			if (write.number() != null) {
				events.setLong(1, write.number()[0]);
				events.setInt(2, write.sequence());
				events.setString(3, write.event().getClass().getSimpleName());
				events.setString(4, write.payload());
				events.setLong(5, write.at());
				events.addBatch();
				byNumber++;
			}
			else {
				eventsById.setInt(1, write.sequence());
				eventsById.setString(2, write.event().getClass().getSimpleName());
				eventsById.setString(3, write.payload());
				eventsById.setLong(4, write.at());
				eventsById.setString(5, write.sagaId());
				eventsById.addBatch();
				byId++;
			}
		}
		executeIfAny(events, byNumber);
		if (byId > 0) {
			for (int inserted : eventsById.executeBatch()) {
				if (inserted != 1 && inserted != Statement.SUCCESS_NO_INFO) {
					// never expected: a saga's start is durable before any of its other
					// events
					throw new IllegalStateException("An event of a saga that has no row was not stored");
				}
			}
		}
	}

	private static void executeIfAny(PreparedStatement statement, int count) throws SQLException {
		if (count > 0) {
			statement.executeBatch();
		}
	}

	private enum Kind {

		BEGIN, APPEND, STATUS, FINISH, PUBLISHED

	}

	/**
	 * One saga's stored history.
	 *
	 * @param startedAt when its start was recorded, epoch milliseconds
	 * @param finishedAt when its final event was recorded, or null while it runs
	 * @param events its events, in order
	 */
	public record SagaHistory(long startedAt, @Nullable Long finishedAt, List<Event> events) {

		/**
		 * One stored event.
		 *
		 * @param sequence its position in the history
		 * @param recordedAt when it was recorded, epoch milliseconds
		 * @param event the event
		 */
		public record Event(int sequence, long recordedAt, SagaEvent event) {
		}

	}

	/**
	 * One queued write.
	 *
	 * @param kind what it writes
	 * @param sagaId the saga
	 * @param number the saga's number in its only element, if known; a begin's is set
	 * when its row is inserted
	 * @param partition a begin's ingress partition
	 * @param sequence the event's position in the history
	 * @param event the event, null for {@link Kind#PUBLISHED}
	 * @param payload the event as JSON
	 * @param status the saga's status after the event, if it changed
	 * @param at when it was recorded, epoch milliseconds
	 */
	private record Write(Kind kind, String sagaId, long @Nullable [] number, int partition, int sequence,
			SagaEvent event, String payload, String status, long at) {
	}

}
