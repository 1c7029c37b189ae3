-- The identifiers a code declares, read by the trace query's same-piece step (TraceChainQuery.samePiece): trace_alias
-- led by its code, index-only. Before, the step read trace_event.aliases of every event of the code, so a gas cylinder
-- filled thousands of times cost thousands of rows per consumer scan to learn its two identifiers; trace_alias holds
-- each (alias, trace code) pair once (V11), so the read is one entry per identifier whatever the history's length.
-- V31, not the free V28: a store already at V30 would refuse a migration numbered below its own (Flyway's validation).
-- The table grows with the fleet, not with its records (10^6-10^7 pairs): a small index, written only for a new pair.
CREATE INDEX ix_trace_alias_code ON trace_alias (trace_code, alias);
