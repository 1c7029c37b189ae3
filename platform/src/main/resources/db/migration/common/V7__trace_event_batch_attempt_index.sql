-- The load removes the events of the attempt it replaces (batch_id = ? AND attempt = ?); with the
-- attempt in the index that reads only those events instead of every event of the batch.
-- Batch-only look-ups (a batch's lots) use the same index by its first column.
DROP INDEX ix_trace_event_batch;
CREATE INDEX ix_trace_event_batch_attempt ON trace_event (batch_id, attempt);
