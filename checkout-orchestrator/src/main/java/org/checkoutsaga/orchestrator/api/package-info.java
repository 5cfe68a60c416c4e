/**
 * The REST API: {@code POST /checkouts} submits a checkout (through Kafka, like every
 * other), {@code GET /checkouts/{id}} shows its status and history, errors are RFC 9457
 * problem details.
 */
package org.checkoutsaga.orchestrator.api;
