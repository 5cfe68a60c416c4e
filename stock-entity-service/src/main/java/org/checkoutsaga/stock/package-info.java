/**
 * The stock entity service: application class and settings. Features live in
 * {@code entity} (the virtual stock entities, their mailboxes and storage) and
 * {@code api} (HTTP).
 */
package org.checkoutsaga.stock;
