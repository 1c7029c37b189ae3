-- Intake's delivery bookkeeping, so that nothing a sender is owed can be lost after the last retry:
-- a RECEIVED batch whose announcement on hub.batch.received never left is announced again, and a
-- batch whose receipt for its current status never reached the outbox gets it again (routes/).
ALTER TABLE batch ADD COLUMN dispatched_at TIMESTAMP WITH TIME ZONE;  -- the JMS announcement left
ALTER TABLE batch ADD COLUMN receipt_status VARCHAR(20);              -- status shown by the last receipt written
ALTER TABLE batch ADD COLUMN receipt_attempt INT;                     -- ... and its attempt
ALTER TABLE batch ADD COLUMN receipt_at TIMESTAMP WITH TIME ZONE;
-- The receipt re-delivery looks at batches changed within a recent window: V5's ix_batch_updated
-- (batch.updated_at, made for the purge job) serves it.

-- Files fetched from legacy SFTP servers, so that no restart fetches the same file twice. The key is
-- the remote file's name, size and modification time; long keys are found by their SHA-256.
CREATE TABLE pull_fetched (
    source_id   VARCHAR(64)   NOT NULL,
    key_hash    CHAR(64)      NOT NULL,
    file_key    VARCHAR(1200) NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source_id, key_hash)
);

-- How each source's pull went, for health and GET /api/sources.
CREATE TABLE pull_state (
    source_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    last_attempt_at       TIMESTAMP WITH TIME ZONE,
    last_success_at       TIMESTAMP WITH TIME ZONE,
    last_failure_at       TIMESTAMP WITH TIME ZONE,
    last_failure_message  VARCHAR(1000),
    consecutive_failures  INT           NOT NULL DEFAULT 0,
    last_fetched          INT           NOT NULL DEFAULT 0
);
