-- Every attempt of a batch records its rows' problems (batch_error) and its rejected rows' cells (rejected_row), and
-- nothing removed those of an attempt that a later one replaced: each reprocess left a copy for ever. Nothing reads
-- them (the console, the API, the error report and the receipts show the batch's current attempt; the counts each
-- attempt read, accepted and rejected are the batch row's and the job repository's, not counted from them).
-- superseded_problems_at marks a batch whose loaded attempt replaced earlier attempts whose problems may still be kept:
-- set by the load that switches the store to a later attempt (BatchAttempts.markLoaded), cleared by the purge once it
-- removed them, hub.jobs.purge.superseded-problems-retention after it (BatchRetention.SUPERSEDED_PROBLEMS). The index,
-- led by the mark, reads only the batches marked and due; BatchQueryPlanTest checks the plan.
ALTER TABLE batch ADD COLUMN superseded_problems_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_batch_superseded_problems ON batch (superseded_problems_at, id);

-- Batches reprocessed and loaded again before this version, from their last change: the retention counts from there.
UPDATE batch SET superseded_problems_at = updated_at WHERE loaded_attempt > 1;
