/**
 * The saga history: an append-only table of events plus one row per saga, written in
 * groups by a {@link org.checkoutsaga.support.GroupCommitter}, read with Spring Data JPA.
 */
package org.checkoutsaga.orchestrator.history;
