package org.checkoutsaga.bench.load;

/**
 * How sending a run's checkouts went.
 *
 * @param sent checkouts handed to the transport
 * @param failed sends the transport or the suite refused (no Kafka ack, or an HTTP status
 * other than 2xx)
 * @param firstFailure what the first refusal said, null if none
 * @param millis how long sending took, until the last send was acknowledged
 */
public record SendReport(int sent, int failed, String firstFailure, long millis) {
}
