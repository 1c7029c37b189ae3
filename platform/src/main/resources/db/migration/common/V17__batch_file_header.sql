-- The column titles of the batch's file as its current attempt's convert step read them: a JSON array of strings, the
-- header row's cells (for XML, the paths the spec read), written when the file is opened (BatchRepository.recordFileHeader)
-- and cleared when a new attempt starts. The error report titles the rejected rows' raw cells with them. Until this
-- version it read the header again from the archived original with the source's current spec: once the spec had
-- changed (its header row moved, a path added to an XML spec, the file no longer matched), an old batch's report put
-- its rows' cells under other titles. NULL for attempts converted before this version: the report then reads the header
-- as it did before.
ALTER TABLE batch ADD COLUMN file_header VARCHAR(100000);
