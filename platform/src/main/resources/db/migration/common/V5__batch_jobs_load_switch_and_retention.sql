-- Batch jobs: which attempt's events the store holds, retention of archives, and one writer into the
-- store at a time.

-- The attempt whose events the store holds for this batch (NULL: nothing loaded yet). Set in the same
-- transaction that loads the attempt and removes the events of every other attempt, so the store
-- never holds two attempts of one batch. A reprocess that is still converting, or that was rejected,
-- leaves it at the attempt loaded before.
ALTER TABLE batch ADD COLUMN loaded_attempt INT;
UPDATE batch SET loaded_attempt = attempt WHERE status = 'LOADED';

-- When the purge job removed the archived original (and the raw cells of rejected rows) after the
-- retention period; a batch whose archive is gone can no longer be reprocessed.
ALTER TABLE batch ADD COLUMN archive_purged_at TIMESTAMP WITH TIME ZONE;

-- Loading an attempt is one transaction that touches shared rows (operators, products); loads take
-- this row's lock first, so they queue instead of deadlocking or timing out on each other, also
-- across nodes on a shared database.
CREATE TABLE store_load_lock (
    name       VARCHAR(40) NOT NULL PRIMARY KEY,
    locked_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO store_load_lock (name, locked_at) VALUES ('trace-store', NULL);

-- The purge job: finished batches by their last change.
CREATE INDEX ix_batch_updated ON batch (updated_at);
