-- One row per completed checkout; the primary key is what makes storing a receipt idempotent
-- across instances. Times are epoch milliseconds, as the clients send them.
CREATE TABLE receipt (
	checkout_id      VARCHAR(200) NOT NULL,
	receipt_id       VARCHAR(36)  NOT NULL,
	user_id          VARCHAR(200) NOT NULL,
	items            VARCHAR      NOT NULL,
	client_timestamp BIGINT       NOT NULL,
	created_at       BIGINT       NOT NULL,
	CONSTRAINT pk_receipt PRIMARY KEY (checkout_id),
	CONSTRAINT uk_receipt_receipt_id UNIQUE (receipt_id)
);
