-- The hub's nodes and which of them runs each job execution. Several nodes share one job repository (DESIGN.md,
-- scale-out): start-up recovery takes only its own node's interrupted runs, and the runs of a node whose heartbeat has
-- stopped are taken over by one live node. A claim is a conditional update of claim_version, so two nodes never both
-- restart one run.
CREATE TABLE hub_node (
    node_id       VARCHAR(200) PRIMARY KEY,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE job_execution_node (
    job_execution_id  BIGINT PRIMARY KEY REFERENCES BATCH_JOB_EXECUTION (JOB_EXECUTION_ID) ON DELETE CASCADE,
    node_id           VARCHAR(200) NOT NULL,
    claim_version     INT NOT NULL
);
