-- The attempt whose load into the store ran to its end (markLoaded). loaded_attempt alone names the attempt whose events
-- the store holds, also while (or after) a first load stopped half-way: its committed pages stay. A receipt of a refused
-- reprocess says "the earlier attempt's data stands" only when that attempt was loaded whole.
ALTER TABLE batch ADD COLUMN load_completed_attempt INT;
-- LOADED batches were loaded whole; a batch whose later attempt was refused after an earlier one loaded is taken to
-- have loaded that one whole (a first load that failed half-way and was then reprocessed, refused, cannot be told apart
-- here: the rare case keeps the older wording's risk)
UPDATE batch SET load_completed_attempt = loaded_attempt WHERE loaded_attempt IS NOT NULL
    AND (status = 'LOADED' OR loaded_attempt < attempt);
