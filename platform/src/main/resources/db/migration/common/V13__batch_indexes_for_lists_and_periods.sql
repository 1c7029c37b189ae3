-- The batch table is never purged (about 6,000 rows a day, 2 million a year), so every query the console, the API and
-- the sweeps run on it must find its rows through an index, or it gets slower every day. Until this version the batch
-- lists, each source's last batch, the dashboard and the nightly summary read the whole table (0.9 s per source's last
-- batch at 2,000,000 rows, once per source for GET /api/sources). platform/README.md, "Batch and audit queries as the
-- tables grow", lists which query uses which index; BatchQueryPlanTest and the hub's plan tests check the plans.

-- A source's batches newest first (its list, its page, its last batch: BatchRepository.find orders by
-- source_id, received_at DESC, id DESC, which is this index read forwards, so a page reads its own rows only).
-- Replaces (source_id, received_at), which found the rows but not in the list's order.
DROP INDEX ix_batch_source_received;
CREATE INDEX ix_batch_source_received ON batch (source_id, received_at DESC, id DESC);

-- Every batch newest first (the unfiltered list) and every batch received in a period: the list's date filter, the
-- dashboard (today, last night, the silent sources' week, the 30 days of the chart) and the nightly sync's summary.
CREATE INDEX ix_batch_received ON batch (received_at DESC, id DESC);

-- The batches of a status newest first (the list's status filter). Replaces (status, received_at): the id completes
-- the order, so H2 reads the page off the index instead of sorting every batch of the status.
DROP INDEX ix_batch_status;
CREATE INDEX ix_batch_status_received ON batch (status, received_at DESC, id DESC);

-- The dashboard's failing sources: FAILED batches changed in the last 24 hours, not every FAILED batch ever.
CREATE INDEX ix_batch_status_updated ON batch (status, updated_at);
