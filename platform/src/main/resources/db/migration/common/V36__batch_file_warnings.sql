-- The warnings of a batch's file as a whole (an XML export's optional path that occurs in no record, XML_PATH_ABSENT),
-- found when its current attempt's convert step opens the file (BatchRepository.recordFileWarnings) and cleared when a
-- new attempt starts: a JSON array of code, column, field and message in turn (platform's FileWarnings). Until this
-- version such a warning was written as a problem of the file's first data row, which read as if that row were at fault
-- and counted it among the warned rows. The receipts, the console, the API and the error report list them apart from
-- the rows; they stay when the archive purge removes the problem rows. NULL when the file had none, or for attempts
-- converted before this version (whose warning stays on their first data row, as stored). Nullable without a default:
-- no table rewrite on PostgreSQL.
ALTER TABLE batch ADD COLUMN file_warnings VARCHAR(100000);
