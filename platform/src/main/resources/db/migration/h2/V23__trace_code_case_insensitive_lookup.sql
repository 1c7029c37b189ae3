-- A code typed in another case than the one it was reported in (TraceChainQuery.chainIgnoringCase): the loader keeps a
-- code's case, and some legacy lot codes are mixed case (SH-Lot2611a). A stored code in upper case is found by the
-- existing indexes (its upper-case form is itself); only a code with a lower-case letter needs its folded form, so the
-- column is NULL for the others. H2 has no index on an expression: a generated column (computed on insert and
-- update) with an index of its own. Its NULLs are keyed by the row id, so a load's upper-case codes append to one end of
-- the index. PostgreSQL's V23 indexes the expression instead, without the column.
-- No length: UPPER may lengthen a string (ß -> SS), and a value too long would refuse the event's load.
ALTER TABLE trace_event ADD COLUMN trace_code_folded VARCHAR
    GENERATED ALWAYS AS (CASE WHEN trace_code <> UPPER(trace_code) THEN UPPER(trace_code) END);
CREATE INDEX ix_trace_event_code_folded ON trace_event (trace_code_folded);

ALTER TABLE trace_alias ADD COLUMN alias_folded VARCHAR
    GENERATED ALWAYS AS (CASE WHEN alias <> UPPER(alias) THEN UPPER(alias) END);
CREATE INDEX ix_trace_alias_folded ON trace_alias (alias_folded);
