-- A batch's accepted row whose version is no longer in the store: a newer batch's update had replaced it (V24's
-- trace_event.replaced_batch_id / replaced_row), and that batch's reprocess then no longer produced the record and
-- removed it. The reprocessed batch's page says so (its RECORD_REMOVED_OLDER_VERSION_LOST warning); this says it on
-- the older batch's page, found by its id. Written by the removal (TraceEventStore.removeEventsOfAttempt) in the load's
-- transaction, one row per older row (the newest removal wins). attempt is the older batch's loaded attempt then: a
-- later attempt of it loaded decides its rows afresh, and a row stored again (its record back in the store, from it
-- or a newer batch) is no longer lost: the console reads both (LostVersions), so nothing here is ever updated.
CREATE TABLE lost_version (
    batch_id         VARCHAR(40)  NOT NULL,
    row_no           BIGINT       NOT NULL,
    attempt          INT,
    source_id        VARCHAR(64)  NOT NULL,
    record_key       VARCHAR(200) NOT NULL,
    trace_code       VARCHAR(64)  NOT NULL,
    removed_by_batch VARCHAR(40)  NOT NULL,
    removed_by_row   BIGINT       NOT NULL,
    removed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (batch_id, row_no)
);
