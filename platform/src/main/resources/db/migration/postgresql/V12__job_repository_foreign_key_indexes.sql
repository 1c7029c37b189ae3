-- PostgreSQL indexes no referencing column by itself (H2 makes an index for every foreign key; h2/V12 is empty), and
-- Spring Batch's schema (V2) declares none. Every look-up of a batch's job executions went through a whole table that
-- grows with every import, reprocess and retry, and not only now and then: a batch page asks for its attempt's last
-- job execution and its load step every second while the batch runs (BatchProgressService: getLastJobExecution by
-- JOB_INSTANCE_ID, then the execution's parameters and steps by JOB_EXECUTION_ID; getLastStepExecution joins steps to
-- executions on it), the batch page lists every execution of the batch with its steps (BatchJobHistory), and the purge's
-- deleteJobInstance deletes by these columns, each delete of a parent row also checking the child table for rows
-- still referring to it. The two context tables need nothing: their primary key is the foreign key's column.
-- JobRepositoryIndexesOnPostgresTest checks that every foreign key is the start of some index.
CREATE INDEX ix_batch_job_execution_instance ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID);
CREATE INDEX ix_batch_job_execution_params_execution ON BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID);
CREATE INDEX ix_batch_step_execution_job_execution ON BATCH_STEP_EXECUTION (JOB_EXECUTION_ID);
