-- Why the rows of an attempt's rows_skipped were skipped (BatchRepository.markStaged, platform's SkipReasons): a JSON
-- array of reason and row count in turn, e.g. ["空行","2","序号=合计","1"], at most SkipReasons.MAX_REASONS reasons
-- and the rest summed as 其他, so that it fits whatever the spec's skip rules are. The receipt and the console show it
-- beside 跳过行数. Reset with the counts when an attempt starts; NULL before this version (the receipt then shows the
-- count alone). A nullable column without a default: no table rewrite on PostgreSQL.
ALTER TABLE batch ADD COLUMN skip_reasons VARCHAR(2000);
