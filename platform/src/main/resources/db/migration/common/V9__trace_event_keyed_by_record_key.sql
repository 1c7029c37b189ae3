-- The store finds an event by its record's natural key within its source (record_key, see
-- EventIds.recordKey), no longer by its event id. The event id is a SHA-256: as the primary key it put
-- every insert on a random page of a B-tree that grows with the store, and the database rewrites every
-- page it touched (bench/README.md, finding 12: half the load's time at 1,000,000 events). Legacy
-- exports number their records in order, so new record keys land next to each other. The same
-- uniqueness: the event id is a function of (source_id, record_key).
--
-- Events stored before this version have no record key: they keep their event id as their record key
-- (32 hex digits, which no natural key can equal — those always start with U+001F), and a re-sent
-- record finds them by it (TraceEventStore). Staged events get the column; those staged before are
-- loaded the same way.
--
-- A copy of the table, as in V8: dropping an unnamed primary key has no portable form.

ALTER TABLE staged_event ADD COLUMN record_key VARCHAR(200);

CREATE TABLE trace_event_by_key (
    event_id       CHAR(32)     NOT NULL,
    source_id      VARCHAR(64)  NOT NULL,
    record_key     VARCHAR(200) NOT NULL,
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
    batch_id       VARCHAR(40)  NOT NULL,
    attempt        INT          NOT NULL,
    row_no         BIGINT       NOT NULL,
    payload        VARCHAR      NOT NULL,
    loaded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- record_key first: H2 looks up an IN list only on an index's first column (with source_id first, a page's
    -- lookup scanned every event of the source)
    CONSTRAINT pk_trace_event PRIMARY KEY (record_key, source_id)
);
INSERT INTO trace_event_by_key (event_id, source_id, record_key, trace_code, category, step, event_time, operator_uscc,
                                operator_name, node_type, product_code, product_name, quantity, unit, origin, batch_id, attempt,
                                row_no, payload, loaded_at)
SELECT event_id, source_id, event_id, trace_code, category, step, event_time, operator_uscc, operator_name, node_type,
       product_code, product_name, quantity, unit, origin, batch_id, attempt, row_no, payload, loaded_at
FROM trace_event;
DROP TABLE trace_event;
ALTER TABLE trace_event_by_key RENAME TO trace_event;
CREATE INDEX ix_trace_event_code_time ON trace_event (trace_code, event_time);
CREATE INDEX ix_trace_event_batch_attempt ON trace_event (batch_id, attempt);
