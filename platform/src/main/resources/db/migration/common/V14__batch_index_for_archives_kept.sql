-- The archive purge asks each night for the batches whose original is still kept and older than the retention (three
-- years), oldest first (BatchRetention.ARCHIVE_KEPT). Through received_at alone it read every batch older than the
-- retention, purged or not: from the fourth year on, two million more a year, on every page of every night. Led by
-- archive_purged_at, it reads only the originals still kept. BatchQueryPlanTest checks the plan.
CREATE INDEX ix_batch_archive_kept ON batch (archive_purged_at, received_at, id);
