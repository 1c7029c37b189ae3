-- The job whose run loads the batch's current attempt into the store: importJob (a source that loads on arrival) or
-- loadJob (the nightly sync's), set by a conditional update before either loads (BatchAttempts.claimLoad by the load
-- step; claimStagedLoad by the sync, only from STAGED) and cleared when a new attempt starts. Until this version
-- nothing said an attempt was being loaded: the batch stays STAGED until its load ends, so a nightly sync that ran
-- while an import loaded a source just switched to load at night took the same attempt STAGED and loaded it a second
-- time beside the import (every row then "repeated" itself, RECORD_REPEATED, and the warned count was wrong). The
-- claim is one job's, not one execution's: a restart of that job (retry, start-up recovery, another node's takeover)
-- runs the same job instance and keeps it. NULL for batches staged before this version and for attempts no load has
-- taken yet.
ALTER TABLE batch ADD COLUMN load_job VARCHAR(32);
