/**
 * The saga engine: it persists every event before dispatching the actions it causes,
 * retries failed actions with backoff, and recovers unfinished sagas from their history.
 * It knows nothing of checkouts; a {@link SagaDefinition} supplies the logic.
 */
package org.checkoutsaga.orchestrator.engine;
