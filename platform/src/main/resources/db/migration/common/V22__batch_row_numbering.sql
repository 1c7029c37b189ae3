-- What the row numbers of the batch's current attempt count (RowNumbering): LINES — the line a row begins on, or the
-- worksheet row — or RECORDS — the records' 1-based ordinals, for an XML export written without line breaks, whose
-- records share lines. Written when the convert step opens the file (BatchRepository.recordFileHeader) and cleared when
-- a new attempt starts; the receipts, the error report and the CLI label the numbers 行号 or 记录号 by it. NULL (an
-- attempt converted before this version, or a file never opened) reads as LINES, which every file but such an XML
-- export has.
ALTER TABLE batch ADD COLUMN row_numbering VARCHAR(16);
