/**
 * What happens when a checkout ends: its outcome goes to {@code checkout-results}, to
 * REST callers waiting for it, and to the metrics, with the time each stage of the
 * checkout took. Publication is tracked in the history so that recovery publishes what a
 * crash interrupted.
 */
package org.checkoutsaga.orchestrator.outcome;
