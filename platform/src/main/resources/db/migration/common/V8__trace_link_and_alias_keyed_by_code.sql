-- trace_link and trace_alias keyed by their event's trace code first instead of by the event id.
-- The event id is a SHA-256: a key that starts with it puts every new row on a random page of a
-- large B-tree, and a load touched (and H2 rewrote) most of that tree's pages at every commit; the
-- trace code arrives in roughly the order the codes were issued. The new primary key of trace_link
-- also answers the upstream walk (trace_code -> input_code) from the key alone, so the separate
-- (trace_code, input_code) index goes: one B-tree less per link. Rows of one event are still
-- found by the key: the store reads the event's trace code first (TraceEventStore.removeStored).
-- Uniqueness is unchanged: an event has one trace code, so (trace_code, …, event_id) is unique
-- exactly when (event_id, …) was.
-- The tables are copied: ALTER TABLE … DROP PRIMARY KEY is spelled differently in H2 and PostgreSQL.

CREATE TABLE trace_link_by_code (
    event_id    CHAR(32)    NOT NULL,
    trace_code  VARCHAR(64) NOT NULL,
    input_code  VARCHAR(64) NOT NULL,
    CONSTRAINT pk_trace_link PRIMARY KEY (trace_code, input_code, event_id)
);
INSERT INTO trace_link_by_code (event_id, trace_code, input_code) SELECT event_id, trace_code, input_code FROM trace_link;
DROP TABLE trace_link;
ALTER TABLE trace_link_by_code RENAME TO trace_link;
-- downstream: the codes made from an input, index-only
CREATE INDEX ix_trace_link_input_code ON trace_link (input_code, trace_code);

CREATE TABLE trace_alias_by_code (
    event_id    CHAR(32)    NOT NULL,
    alias       VARCHAR(64) NOT NULL,
    trace_code  VARCHAR(64) NOT NULL,
    CONSTRAINT pk_trace_alias PRIMARY KEY (trace_code, event_id, alias)
);
INSERT INTO trace_alias_by_code (event_id, alias, trace_code) SELECT event_id, alias, trace_code FROM trace_alias;
DROP TABLE trace_alias;
ALTER TABLE trace_alias_by_code RENAME TO trace_alias;
-- look-up of an unknown code: which trace codes it names
CREATE INDEX ix_trace_alias_alias ON trace_alias (alias, trace_code);
