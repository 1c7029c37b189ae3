-- The staging purge asks each night for the batches whose staged events it may remove: in a final status and unchanged
-- for its age (BatchRetention.STAGING_KEPT). Until this version it read every LOADED and FAILED batch older than its
-- age and kept those that still had staged rows: every batch loaded since the hub began, purged long ago or not, two
-- million more a year, every night. staging_purged_at marks a batch the purge is done with: its staging removed, or
-- none found (a batch in another final status, a failed one that staged nothing). A new attempt or a retry, which may
-- stage again, clears it (BatchRepository.NEW_ATTEMPT, BatchAttempts.resumeFailed). Led by the marker, the index reads
-- only the batches not yet marked, oldest change first; BatchQueryPlanTest checks the plan.
--
-- Upgrading: no batch is marked here. The batches whose staging a purge removed before this version are selected once
-- more, found without staging, and marked, a page at a time, by the first purge that runs after it.
ALTER TABLE batch ADD COLUMN staging_purged_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_batch_staging_kept ON batch (staging_purged_at, updated_at, id);
