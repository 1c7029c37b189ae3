-- The node whose recovery is about to start the job of a batch left CONVERTING without any job execution (a crash
-- between starting the attempt and starting its job), and the attempt it claimed. Recovery claims a batch's last
-- execution before it restarts it (job_execution_node, V18), so that another node's look leaves the batch to it; a
-- batch without any execution had nothing to claim, and between one node's look and its start another node could
-- start the same attempt too. Set by a conditional update under the recovery lock (BatchAttempts.claimStartWithoutJob)
-- while the batch is CONVERTING at that attempt and unclaimed, claimed for an earlier attempt, or claimed by the node
-- the claimer found holding it (itself, or a node silent for node-timeout): a claimer that dies releases the batch
-- with its heartbeat, and its own next look takes the claim back. Not a change the sender hears of: updated_at stays.
-- NULL until recovery claims the batch; kept afterwards (a claim counts only for its attempt).
ALTER TABLE batch ADD COLUMN recovery_claimed_by VARCHAR(200);
ALTER TABLE batch ADD COLUMN recovery_claimed_attempt INT;
ALTER TABLE batch ADD COLUMN recovery_claimed_at TIMESTAMP WITH TIME ZONE;
