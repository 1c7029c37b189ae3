-- What a pull's warning (V21, routes' PullWarning.Kind) is about: LEFT_AFTER_FETCH — files taken in whose move or delete
-- on the legacy server was refused, to be moved or deleted there by hand — or NOT_FETCHED — files left there because
-- they changed too lately or kept changing through the settle check at the night's last run, which the hub does not
-- have and the next pull tries again: deleting those by hand would lose their records. The console and the API word
-- the warning by it. NULL (a warning written before this version) reads as LEFT_AFTER_FETCH, the only kind there was.
-- A nullable column without a default: no table rewrite on PostgreSQL.
ALTER TABLE pull_state ADD COLUMN warning_kind VARCHAR(20);
