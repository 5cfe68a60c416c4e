/**
 * The checkout as a pure saga: {@code evolve(state, event)} and {@code decide(state)},
 * with no Spring, no I/O, no clock. Replaying a history folds it through the same
 * {@code evolve} the live run used.
 */
package org.checkoutsaga.orchestrator.saga;
