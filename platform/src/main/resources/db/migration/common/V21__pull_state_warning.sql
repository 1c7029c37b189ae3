-- A pull's warning (routes' PullWarning): files its latest run that took any in left on the legacy server, their move or
-- delete refused there, until a later run moves or deletes all of its files. Kept with the pull's state, not only in the
-- memory of the node that pulled: a restart forgot it, and another node's health never showed it.
ALTER TABLE pull_state ADD COLUMN warning_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE pull_state ADD COLUMN warning_files INT;
ALTER TABLE pull_state ADD COLUMN warning_message VARCHAR(1000);
