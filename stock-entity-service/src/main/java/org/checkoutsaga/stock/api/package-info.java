/**
 * HTTP access to the stock entities: the batch operations endpoint used by the
 * orchestrator, the admin endpoints, the paged ledger listing, and their RFC 9457 problem
 * answers.
 */
package org.checkoutsaga.stock.api;
