-- A checkout's receipt can be cancelled: the saga compensates when its deadline passes.
-- Still one row per checkout, so the primary key alone decides between a store and a cancel
-- racing on two instances:
--   live receipt:      receipt columns set, cancelled_at NULL
--   cancelled receipt: receipt columns kept (the audit trail), cancelled_at set
--   tombstone:         a cancel that came first: receipt columns NULL, cancelled_at set
-- A row with cancelled_at set refuses every later store. Times are epoch milliseconds.
ALTER TABLE receipt ADD COLUMN cancelled_at BIGINT;
ALTER TABLE receipt ALTER COLUMN receipt_id DROP NOT NULL;
ALTER TABLE receipt ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE receipt ALTER COLUMN items DROP NOT NULL;
ALTER TABLE receipt ALTER COLUMN client_timestamp DROP NOT NULL;
ALTER TABLE receipt ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE receipt ADD CONSTRAINT ck_receipt_receipt_or_tombstone CHECK (
	(receipt_id IS NOT NULL AND user_id IS NOT NULL AND items IS NOT NULL
		AND client_timestamp IS NOT NULL AND created_at IS NOT NULL)
	OR (receipt_id IS NULL AND user_id IS NULL AND items IS NULL
		AND client_timestamp IS NULL AND created_at IS NULL AND cancelled_at IS NOT NULL)
);
