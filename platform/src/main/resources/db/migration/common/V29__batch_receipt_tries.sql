-- What became of a batch's receipt besides the last one delivered (V4), so that the redelivery sweep takes the receipts
-- it has tried least recently first (one source's broken outbox cannot hold back everyone's), the console shows why a
-- receipt is missing, and a receipt that left the sweep's lookback undelivered is reported once.
ALTER TABLE batch ADD COLUMN receipt_tried_at TIMESTAMP WITH TIME ZONE;    -- the last delivery tried, delivered or not
ALTER TABLE batch ADD COLUMN receipt_failure VARCHAR(1000);                -- why the last try failed (NULL: it did not)
ALTER TABLE batch ADD COLUMN receipt_given_up_at TIMESTAMP WITH TIME ZONE; -- reported as no longer redelivered (lookback)
