/**
 * The virtual stock entities: {@link org.checkoutsaga.stock.entity.StockItem} holds one
 * item's rules and state, a mailbox runs it one operation at a time, the ledger
 * ({@code stock_operation}) records every outcome and the group committer makes it
 * durable. {@link org.checkoutsaga.stock.entity.StockEntities} is the way in.
 */
package org.checkoutsaga.stock.entity;
