-- hub_node: which process beats as the node, and its JVM's time zone. Two processes given one hub.jobs.recovery.node-id
-- (a constant in a deployment template) each took the other's live runs for its own interrupted ones; a starting process
-- now claims the row with its token and refuses to start while another process still beats under it (NodeStartCheck).
-- Spring Batch writes local times in the JVM's zone, which recovery compares with its own clock: a node whose zone
-- differs from a live node's is refused. NULL for rows written before this version.
ALTER TABLE hub_node ADD COLUMN IF NOT EXISTS process_token VARCHAR(36);
ALTER TABLE hub_node ADD COLUMN IF NOT EXISTS process_pid BIGINT;
ALTER TABLE hub_node ADD COLUMN IF NOT EXISTS process_host VARCHAR(200);
ALTER TABLE hub_node ADD COLUMN IF NOT EXISTS zone_id VARCHAR(100);

-- The installation's id, also written to the data directory (installation-id): a start on a database and a data
-- directory of two different installations (a staging database beside the production data dir) is refused. One row.
-- IF NOT EXISTS: a pg_restore --clean of a dump from before this version leaves this table in place and takes the
-- schema history back before V38, which then runs again.
CREATE TABLE IF NOT EXISTS hub_installation (
    id          INT PRIMARY KEY,
    installation_id  VARCHAR(36) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
