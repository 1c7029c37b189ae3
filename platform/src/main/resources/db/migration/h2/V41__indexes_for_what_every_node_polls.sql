-- Two look-ups every node makes every few minutes (postgresql/V41 says which). H2 has no partial index: the column that
-- singles their rows out leads each index instead, so a look-up reads the entries of its few rows (most batches have no
-- failure code, most executions are COMPLETED) and not the whole table.
CREATE INDEX ix_batch_waiting_for_disk ON batch (failure_code, status, updated_at, id);
CREATE INDEX ix_batch_job_execution_running ON BATCH_JOB_EXECUTION (STATUS);
