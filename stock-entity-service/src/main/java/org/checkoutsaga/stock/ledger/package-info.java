/**
 * The ledger as a whole, read straight from the database: the invariant audit behind the
 * actuator endpoint {@code stockaudit}. Nothing here writes, and nothing here reads the
 * entities' memory.
 */
package org.checkoutsaga.stock.ledger;
