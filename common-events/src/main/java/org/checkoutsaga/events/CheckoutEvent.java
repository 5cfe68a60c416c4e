package org.checkoutsaga.events;

/**
 * A checkout as published to the {@code checkout-events} topic, in the payload format of
 * the thesis' load generator. The REST ingress publishes the same record.
 *
 * @param requestId the client's id for this checkout; a repeat never starts a second saga
 * @param experimentId free text identifying the run that produced the event (may be null)
 * @param clientTimestamp when the client created the event, epoch milliseconds
 * @param message who buys what
 */
public record CheckoutEvent(String requestId, String experimentId, Long clientTimestamp, CheckoutMessage message) {

	/** The topic checkout events are published to. */
	public static final String TOPIC = "checkout-events";

}
