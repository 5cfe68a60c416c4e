/**
 * The ledger as a whole, read straight from the database: the invariant audit behind the
 * actuator endpoint {@code stockaudit}, and the paged listing with each entry's change to
 * the stock, for checkers outside the service. Nothing here writes, and nothing here
 * reads the entities' memory.
 */
package org.checkoutsaga.stock.ledger;
