-- Which version of its source's mapping spec made a batch (MappingSpec.fingerprint, a SHA-256 in hex): until this version
-- only the convert step's Spring Batch context kept it, which the job-metadata purge deletes after
-- hub.jobs.metadata-retention, and a spec edited since left no trace of what the batch's rows were converted by.
-- spec_fingerprint: the current attempt's, written by its convert step as it opens the file, cleared when a new attempt
-- starts. loaded_spec_fingerprint: that of the attempt whose events the store holds, copied when an attempt claims the
-- store or is marked loaded; it stays when a reprocess with another spec is refused. The text of each is kept under the
-- data directory (specs/by-fingerprint/<fingerprint>.yml). NULL for attempts converted before this version.
ALTER TABLE batch ADD COLUMN spec_fingerprint VARCHAR(64);
ALTER TABLE batch ADD COLUMN loaded_spec_fingerprint VARCHAR(64);
