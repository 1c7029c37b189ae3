-- Two look-ups every node makes every few minutes, which read tables that grow for ever (five years: millions of
-- batches, hundreds of thousands of job executions) to find the few rows they want. Partial indexes: each holds only the
-- rows its look-up wants, so it stays a few pages however old the store, and a write to any other row leaves it alone.
--
-- The batches waiting for disk space (BatchRepository.findWaitingForDisk, DiskFullRetry every 5 minutes on every node),
-- in the order they are retried. ix_batch_status_updated read every FAILED batch ever (a processing error is kept until
-- someone reprocesses it) and a generic plan read the whole of ix_batch_updated. The statement names the status and the
-- code as literals, which is what lets the planner match this predicate.
CREATE INDEX ix_batch_waiting_for_disk ON batch (updated_at, id) WHERE status = 'FAILED' AND failure_code = 'DISK_FULL';

-- The job executions still running (InterruptedJobRecovery's look for interrupted runs, every minute on every node,
-- under the recovery lock). Spring Batch's own statement for a job's running executions filters on these statuses with
-- nothing to find them by; RunningExecutions asks for them all at once.
CREATE INDEX ix_batch_job_execution_running ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID)
    WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING');
-- Plain CREATE INDEX, as V23 and V31: each reads its whole table once under a SHARE lock (writes wait, reads go on), a
-- few seconds for millions of batches; README.md, "Upgrading", step 3.
