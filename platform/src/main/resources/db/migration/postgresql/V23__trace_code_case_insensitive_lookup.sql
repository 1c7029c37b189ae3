-- A code typed in another case than the one it was reported in (TraceChainQuery.chainIgnoringCase): the loader keeps a
-- code's case, and some legacy lot codes are mixed case (SH-Lot2611a). A stored code in upper case is found by the
-- existing indexes (its upper-case form is itself); only a code with a lower-case letter needs its folded form, so the
-- indexes are partial: an upper-case code's event adds no entry, and a load pays nothing for it. An expression index,
-- not a stored generated column as on H2 (h2/V23), which would rewrite the whole trace_event table at the upgrade.
-- The code is in the key too: the look-up reads the index alone.
CREATE INDEX ix_trace_event_code_folded ON trace_event (UPPER(trace_code), trace_code) WHERE trace_code <> UPPER(trace_code);
CREATE INDEX ix_trace_alias_folded ON trace_alias (UPPER(alias), alias) WHERE alias <> UPPER(alias);
