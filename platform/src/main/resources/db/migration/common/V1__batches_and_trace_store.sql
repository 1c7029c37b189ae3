-- Batches: one received file each. Kept forever (with the archived original) so that every
-- outcome can be reproduced and explained to the sender.
CREATE TABLE batch (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    source_id        VARCHAR(64)   NOT NULL,
    file_name        VARCHAR(1024) NOT NULL,  -- as sent, unsanitised, for the sender's eyes
    stored_name      VARCHAR(255)  NOT NULL,  -- sanitised name inside the archive folder
    archive_path     VARCHAR(1024) NOT NULL,  -- relative to hub.data-dir
    size_bytes       BIGINT        NOT NULL,
    sha256           CHAR(64)      NOT NULL,
    -- source_id || ':' || sha256 for the batch that first received this content; NULL for
    -- DUPLICATE rows. The unique index makes "first one wins" hold across nodes.
    content_key      VARCHAR(140),
    duplicate_of     VARCHAR(40),
    transport        VARCHAR(16)   NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    attempt          INT           NOT NULL DEFAULT 0,
    encoding         VARCHAR(32),
    rows_read        BIGINT        NOT NULL DEFAULT 0,
    rows_accepted    BIGINT        NOT NULL DEFAULT 0,
    rows_rejected    BIGINT        NOT NULL DEFAULT 0,
    rows_skipped     BIGINT        NOT NULL DEFAULT 0,
    rows_warned      BIGINT        NOT NULL DEFAULT 0,
    failure_code     VARCHAR(40),
    failure_message  VARCHAR(4000),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ux_batch_content_key ON batch (content_key);
CREATE INDEX ix_batch_source_received ON batch (source_id, received_at);
CREATE INDEX ix_batch_status ON batch (status, received_at);

-- Every problem of a rejected (or warned) row, per attempt: the receipt and the error report.
CREATE TABLE batch_error (
    batch_id     VARCHAR(40)  NOT NULL,
    attempt      INT          NOT NULL,
    row_no       BIGINT       NOT NULL,
    seq          INT          NOT NULL,
    column_name  VARCHAR(200),
    field        VARCHAR(100),
    severity     VARCHAR(10)  NOT NULL,
    code         VARCHAR(40)  NOT NULL,
    message      VARCHAR(1000) NOT NULL,
    raw_value    VARCHAR(4000),
    PRIMARY KEY (batch_id, attempt, row_no, seq)
);

-- The whole raw row of a rejected record, so that nothing a sender sent is lost.
CREATE TABLE rejected_row (
    batch_id   VARCHAR(40) NOT NULL,
    attempt    INT         NOT NULL,
    row_no     BIGINT      NOT NULL,
    cells      VARCHAR     NOT NULL,  -- JSON array of the cells as read
    PRIMARY KEY (batch_id, attempt, row_no)
);

-- Accepted events between convert and load (load may wait for the night).
CREATE TABLE staged_event (
    batch_id   VARCHAR(40) NOT NULL,
    attempt    INT         NOT NULL,
    row_no     BIGINT      NOT NULL,
    event_id   CHAR(32)    NOT NULL,
    payload    VARCHAR     NOT NULL,  -- the event as standard XML
    PRIMARY KEY (batch_id, attempt, row_no)
);

-- The central platform's store: one row per event, keyed by the deterministic event id.
CREATE TABLE trace_event (
    event_id       CHAR(32)     NOT NULL PRIMARY KEY,
    trace_code     VARCHAR(64)  NOT NULL,
    category       VARCHAR(20)  NOT NULL,
    step           VARCHAR(20)  NOT NULL,
    event_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    operator_uscc  VARCHAR(18),
    operator_name  VARCHAR(200),
    node_type      VARCHAR(32),
    product_code   VARCHAR(64),
    product_name   VARCHAR(200),
    quantity       DECIMAL(20, 6),
    unit           VARCHAR(3),
    origin         VARCHAR(6),
    source_id      VARCHAR(64)  NOT NULL,
    batch_id       VARCHAR(40)  NOT NULL,
    attempt        INT          NOT NULL,
    row_no         BIGINT       NOT NULL,
    payload        VARCHAR      NOT NULL,
    loaded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
-- the trace query: all events of a code in time order
CREATE INDEX ix_trace_event_code_time ON trace_event (trace_code, event_time);
-- reprocess: replace one batch's events
CREATE INDEX ix_trace_event_batch ON trace_event (batch_id);

-- Chain links: the event's own code was made from (or received as) each input code.
CREATE TABLE trace_link (
    event_id    CHAR(32)    NOT NULL,
    trace_code  VARCHAR(64) NOT NULL,
    input_code  VARCHAR(64) NOT NULL,
    PRIMARY KEY (event_id, input_code)
);
-- upstream: inputs of a code; downstream: codes made from an input
CREATE INDEX ix_trace_link_code ON trace_link (trace_code);
CREATE INDEX ix_trace_link_input ON trace_link (input_code);
