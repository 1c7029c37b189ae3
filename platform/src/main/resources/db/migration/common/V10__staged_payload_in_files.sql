-- The staged events' XML leaves the database (bench/README.md, finding 28): the convert step appends it to one file per
-- batch attempt under hub.data-dir (staging/<batchId>/<attempt>.xml, StagedPayloadFiles) and a staged row points at its
-- event's bytes. Rows staged before V10 keep their XML in payload and are loaded from it.
ALTER TABLE staged_event ADD COLUMN payload_offset BIGINT;
ALTER TABLE staged_event ADD COLUMN payload_length INT;
ALTER TABLE staged_event ADD COLUMN payload_crc BIGINT;
ALTER TABLE staged_event ALTER COLUMN payload DROP NOT NULL;
