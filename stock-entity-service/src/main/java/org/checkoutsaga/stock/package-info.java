/**
 * The stock entity service: application class and settings. Features live in
 * {@code entity} (the virtual stock entities, their mailboxes and storage),
 * {@code ledger} (the whole ledger read from the database: audit and paged listing) and
 * {@code api} (HTTP).
 */
package org.checkoutsaga.stock;
