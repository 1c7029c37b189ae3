-- The nightly purge of job metadata (JobMetadataPurgeTasklet) read every job instance whose runs had all ended before the
-- cutoff, from id 0, every night: the failed runs it keeps for a retry (a batch FAILED with a processing error waits
-- for someone for years) were read, and their batches looked up, again and again. It now reads only what can have become
-- purgeable since its last run: the runs that ended since the last run's cutoff, and the kept instances whose batch
-- changed since the last run (every change of a batch's status, attempt or failure sets its updated_at; batches are
-- never deleted). A kept instance is listed here with its batch, so a changed batch finds its kept instances by index.
CREATE TABLE job_metadata_kept (
    job_instance_id BIGINT      NOT NULL PRIMARY KEY,
    batch_id        VARCHAR(40) NOT NULL
);
CREATE INDEX ix_job_metadata_kept_batch ON job_metadata_kept (batch_id);

-- One row: where the last completed run left off. No row: the next run reads every instance, as before this version
-- (and lists what it keeps), which is what an upgraded store needs once.
-- ended_before: the last run's cutoff, a local date-time as Spring Batch writes END_TIME.
-- batches_changed_since: when the last run started.
CREATE TABLE job_metadata_purge_mark (
    id                    INT                      NOT NULL PRIMARY KEY,
    ended_before          TIMESTAMP                NOT NULL,
    batches_changed_since TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The runs that ended in a window of time, in END_TIME order.
CREATE INDEX ix_batch_job_execution_end ON BATCH_JOB_EXECUTION (END_TIME, JOB_EXECUTION_ID);
