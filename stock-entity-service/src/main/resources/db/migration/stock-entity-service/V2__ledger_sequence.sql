-- The order in which the ledger's entries were written. recorded_at cannot give it: the
-- entries of one group commit share one timestamp, and a group often holds several
-- entries of the same item. The database numbers every new row: a group inserts its
-- entries in the order the entities decided them, and two groups never write the same
-- stocked item at once (its row version fences them), so an item's numbers follow the
-- order of its decisions.
--
-- Rows written before this migration are numbered in the order the database reads the
-- table: the order of insertion in H2 (it reads by row id), about that order in
-- PostgreSQL (it reads the heap, which an append-only table fills from the end).
ALTER TABLE stock_operation ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;

-- An item's entries in order: the audit's replay and the previous quantity of a SET.
DROP INDEX stock_operation_by_item;
CREATE INDEX stock_operation_by_item_seq ON stock_operation (item_id, seq);
