-- Run once by the postgres image on an empty volume: one database per service, so each
-- keeps its own Flyway history and tables. Owner is the POSTGRES_USER of docker-compose.yml.
-- The names are those of each service's postgres profile (<service>.yml).
-- Collation C: ids sort by code point, as in H2 and Java, whatever the server's locale,
-- so the listings (GET /checkouts, /receipts, /stock/ledger) page in the same order on
-- both databases; and an upgrade of the C library can never reorder an index.
CREATE DATABASE checkout_orchestrator OWNER saga TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE stock_entity_service OWNER saga TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE receipt_service OWNER saga TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
