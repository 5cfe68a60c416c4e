-- H2 only (this folder is the Flyway location of vendor h2). H2 hands out identity values
-- from a cache of 32 and, each time the cache runs out, records the sequence in a commit
-- of its own: with WRITE_DELAY 0 a store of all the database's changed pages, in the
-- middle of a group. With a large cache such a store is rare. The cache is one per
-- database, so the numbers follow the order sagas start; a crash skips the rest of the
-- cache (a gap, never a repeat). PostgreSQL keeps its default: there each session would
-- cache a range of its own, and the numbers of two sessions would interleave.
ALTER TABLE saga_instance ALTER COLUMN saga_no SET CACHE 100000;
