-- The batch and row whose version of the record this event replaced, when that version came from another batch (an
-- overlapping cumulative export sends a record again). The store keeps one version per record: when a reprocess of the
-- replacing batch no longer produces the record, its row leaves the store, and the replaced batch's accepted row would
-- be gone with nobody told. The removal returns these (TraceEventStore.removeEventsOfAttempt) and the load warns on
-- the reprocessed batch (RECORD_REMOVED_OLDER_VERSION_LOST), naming the older batch and row to reprocess. Written by
-- the load's own UPDATE; kept when the same batch's next attempt updates its row. NULL: nothing replaced (or replaced
-- before this version). Nullable columns without a default: no table rewrite on PostgreSQL.
ALTER TABLE trace_event ADD COLUMN replaced_batch_id VARCHAR(40);
ALTER TABLE trace_event ADD COLUMN replaced_row BIGINT;
