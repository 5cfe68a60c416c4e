package org.checkoutsaga.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Kafka broker running inside this JVM: KRaft in combined
 * broker+controller mode, no ZooKeeper, no Docker.
 * <p>
 * Its log directory is formatted once; a later start on the same directory keeps the
 * cluster id and every record, so a local run survives a restart. This is the only class
 * that touches Kafka's server internals ({@link KafkaRaftServer}, {@link Formatter}),
 * which are not a public API and may change with the Kafka version.
 */
public final class KafkaBroker implements AutoCloseable {

	/** The port a local Kafka client expects. */
	public static final int DEFAULT_PORT = 9092;

	private static final Logger logger = LoggerFactory.getLogger(KafkaBroker.class);

	private static final String HOST = "127.0.0.1";

	private static final int NODE_ID = 1;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Start a broker, formatting its log directory first if it has never been used.
	 * Returns once the broker accepts clients.
	 * @param logDir the folder holding the broker's logs and metadata
	 * @param port the client port on 127.0.0.1, or 0 for a free one
	 * @return the running broker
	 */
	public static KafkaBroker start(Path logDir, int port) {
		long startedAt = System.nanoTime();
		int clientPort = (port != 0) ? port : freePort();
		KafkaConfig config = KafkaConfig.fromProps(settings(logDir, clientPort, freePort()), false);
		formatIfNeeded(logDir, config);
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			server.startup();
		}
		catch (RuntimeException ex) {
			server.shutdown();
			server.awaitShutdown();
			throw ex;
		}
		KafkaBroker broker = new KafkaBroker(server, HOST + ":" + clientPort);
		logger.info("Kafka broker ready on {} in {} ms (log dir {})", broker.bootstrapServers,
				(System.nanoTime() - startedAt) / 1_000_000, logDir);
		return broker;
	}

	/**
	 * The value for a client's {@code bootstrap.servers}.
	 * @return host:port of the broker's client listener
	 */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Shut the broker down and wait until it has stopped.
	 */
	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

	private static Properties settings(Path logDir, int clientPort, int controllerPort) {
		Properties settings = new Properties();
		settings.put("process.roles", "broker,controller");
		settings.put("node.id", String.valueOf(NODE_ID));
		// A static quorum of this one node: the voter set is not stored in the log, so
		// a restart may pick a different controller port.
		settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
		settings.put("controller.listener.names", CONTROLLER_LISTENER);
		settings.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + HOST
				+ ":" + controllerPort);
		settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
		settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		settings.put("inter.broker.listener.name", "PLAINTEXT");
		settings.put("log.dirs", logDir.toAbsolutePath().toString());
		// One node: every internal topic has one replica, and acks=all means this one.
		settings.put("offsets.topic.replication.factor", "1");
		settings.put("transaction.state.log.replication.factor", "1");
		settings.put("transaction.state.log.min.isr", "1");
		settings.put("share.coordinator.state.topic.replication.factor", "1");
		settings.put("share.coordinator.state.topic.min.isr", "1");
		settings.put("min.insync.replicas", "1");
		settings.put("num.partitions", "8");
		settings.put("auto.create.topics.enable", "true");
		// No other member will join: do not hold the first consumer group back.
		settings.put("group.initial.rebalance.delay.ms", "0");
		return settings;
	}

	private static void formatIfNeeded(Path logDir, KafkaConfig config) {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
			Formatter formatter = new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
				.setNodeId(config.nodeId())
				.setClusterId(Uuid.randomUuid().toString())
				.setControllerListenerName(CONTROLLER_LISTENER)
				.setMetadataLogDirectory(config.metadataLogDir())
				.setDirectories(config.logDirs());
			formatter.run();
			logger.info("Formatted a new Kafka log dir {} (cluster id {})", logDir, formatter.clusterId());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format the Kafka log dir " + logDir, ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + HOST, ex);
		}
	}

}
