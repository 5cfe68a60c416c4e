-- Run once by the postgres image on an empty volume: one database per service, so each
-- keeps its own Flyway history and tables. Owner is the POSTGRES_USER of docker-compose.yml.
CREATE DATABASE checkout_orchestrator OWNER saga;
CREATE DATABASE stock_entity_service OWNER saga;
CREATE DATABASE receipt_service OWNER saga;
