-- One row per stocked item. Every write is guarded by the version the writer last saw,
-- so two instances can never both write the same item.
CREATE TABLE stock_item (
    item_id    VARCHAR(200) NOT NULL PRIMARY KEY,
    quantity   BIGINT       NOT NULL,
    version    BIGINT       NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT stock_item_quantity_not_negative CHECK (quantity >= 0)
);

-- Append-only ledger of every operation and its outcome (refusals included): the
-- answer to a repeated operation id and the audit trail of the stock.
CREATE TABLE stock_operation (
    operation_id   VARCHAR(300) NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    item_id        VARCHAR(200) NOT NULL,
    quantity       BIGINT       NOT NULL,
    outcome        VARCHAR(32)  NOT NULL,
    quantity_after BIGINT       NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (operation_id, kind),
    CONSTRAINT stock_operation_kind CHECK (kind IN ('RETRACT', 'RESTORE', 'SET', 'RESTOCK'))
);

CREATE INDEX stock_operation_by_item ON stock_operation (item_id);
