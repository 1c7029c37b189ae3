-- How many files the source's last successful pull listed whose names match none of its file names (routes'
-- PullStatus.lastUnmatched, the meter tracehub_pull_last_unmatched_files): a pull that found only renamed exports
-- fetched nothing and still counted as a success. NULL for pulls before this version, read as 0.
-- A nullable column without a default: no table rewrite on PostgreSQL.
ALTER TABLE pull_state ADD COLUMN last_unmatched INTEGER;
