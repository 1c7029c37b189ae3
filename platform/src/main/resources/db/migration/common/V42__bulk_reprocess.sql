-- An admin's reprocess of every batch of a source received in a period (after a spec's key or step changed): the
-- request as asked (who, when, the period, the status filter) and its progress, kept so that it outlives a restart of the
-- hub and stays readable afterwards. Written by the hub (platform's BulkReprocessStore), run by jobs' BulkReprocessRunner.
CREATE TABLE bulk_reprocess (
    id              VARCHAR(40)   NOT NULL PRIMARY KEY,
    source_id       VARCHAR(64)   NOT NULL,
    -- the source while the request is not finished (RUNNING, CANCELLING, INTERRUPTED), NULL after: its unique index lets
    -- one unfinished request per source exist, on every node alike
    active_source   VARCHAR(64),
    received_from   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_before TIMESTAMP WITH TIME ZONE,          -- NULL: no end (a period up to the last day a list allows)
    from_day        VARCHAR(20)   NOT NULL,            -- the period as the admin gave it, in the hub's zone
    to_day          VARCHAR(20)   NOT NULL,
    status_filter   VARCHAR(20),                       -- only batches in this status, when given
    requested_by    VARCHAR(100)  NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    node_id         VARCHAR(200)  NOT NULL,            -- the node whose runner works on it (HubNode)
    state           VARCHAR(16)   NOT NULL,            -- RUNNING, CANCELLING, INTERRUPTED, COMPLETED, CANCELLED
    selected        INT           NOT NULL,
    done            INT           NOT NULL DEFAULT 0,
    failed          INT           NOT NULL DEFAULT 0,
    skipped         INT           NOT NULL DEFAULT 0,
    interrupted     INT           NOT NULL DEFAULT 0,
    current_batch   VARCHAR(40),                       -- the batch under way
    changed_by      VARCHAR(100),                      -- who cancelled or resumed it last
    changed_at      TIMESTAMP WITH TIME ZONE,
    ended_at        TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX ux_bulk_reprocess_active ON bulk_reprocess (active_source);
CREATE INDEX ix_bulk_reprocess_source ON bulk_reprocess (source_id, requested_at);
CREATE INDEX ix_bulk_reprocess_node ON bulk_reprocess (node_id, state);

-- The batches a request selected, in the order they are reprocessed (received first, first), and what became of each.
CREATE TABLE bulk_reprocess_item (
    request_id      VARCHAR(40)   NOT NULL,
    seq             INT           NOT NULL,
    batch_id        VARCHAR(40)   NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,            -- PENDING, RUNNING, DONE, FAILED, SKIPPED, INTERRUPTED
    attempt         INT,                               -- the attempt the reprocess started
    batch_status    VARCHAR(20),                       -- the batch's status once its attempt ended
    code            VARCHAR(40),                       -- why it was skipped or failed
    reason          VARCHAR(1000),
    ended_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (request_id, seq)
);
