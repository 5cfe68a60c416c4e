-- One row per saga: who owns it (the ingress partition) and whether it has finished.
CREATE TABLE saga_instance (
    saga_id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    ingress_partition  INT          NOT NULL,
    status             VARCHAR(32)  NOT NULL,
    started_at         BIGINT       NOT NULL,
    finished_at        BIGINT,
    outcome_published  BOOLEAN      DEFAULT FALSE NOT NULL
);

CREATE INDEX saga_instance_unfinished ON saga_instance (finished_at, ingress_partition);
CREATE INDEX saga_instance_status ON saga_instance (status, started_at);

-- The append-only history: one row per saga event, in order.
CREATE TABLE saga_event (
    saga_id      VARCHAR(64)     NOT NULL,
    seq          INT             NOT NULL,
    event_type   VARCHAR(64)     NOT NULL,
    payload      VARCHAR(100000) NOT NULL,
    recorded_at  BIGINT          NOT NULL,
    PRIMARY KEY (saga_id, seq)
);
