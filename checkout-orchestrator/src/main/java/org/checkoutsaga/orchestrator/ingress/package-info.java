/**
 * The one way a checkout enters: the {@code checkout-events} topic. Records are parsed
 * and validated (bad ones go to the dead-letter topic with the reason), deduplicated by
 * checkout id, and started as sagas; offsets are committed once the starts are durable.
 */
package org.checkoutsaga.orchestrator.ingress;
