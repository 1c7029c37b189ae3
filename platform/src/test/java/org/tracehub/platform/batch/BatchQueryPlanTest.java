package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracehub.platform.testing.GrownStoreOnH2;

/**
 * The batch table is never purged (6,000 rows a day), so every statement on it must find its rows through an index: a
 * whole-table read grows slower every day (0.9 s for one source's last batch at 2,000,000 batches, 2 s for the receipt
 * sweep at 1,000,000). H2's plans on a store holding batches as years of them are spread, with and without each filter.
 */
class BatchQueryPlanTest {

    private static final OffsetDateTime FROM = GrownStoreOnH2.DAY_START;
    private static final OffsetDateTime TO = GrownStoreOnH2.DAY_END;

    private static GrownStoreOnH2 store;

    @BeforeAll
    static void growStore() {
        store = GrownStoreOnH2.withRows(20_000);
    }

    /** Every combination of the list's four filters, each with the index that must serve it. */
    static Stream<BatchListFilter> filters() {
        List<BatchListFilter> all = new ArrayList<>();
        for (String source : new String[] {null, "source-17"}) {
            for (BatchStatus status : new BatchStatus[] {null, BatchStatus.FAILED}) {
                for (OffsetDateTime from : new OffsetDateTime[] {null, FROM}) {
                    for (OffsetDateTime to : new OffsetDateTime[] {null, TO}) {
                        all.add(new BatchListFilter(source, status, from, to));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("filters")
    void aPageOfEveryBatchListIsReadOffAnIndexNewestFirst(BatchListFilter filter) {
        BatchRepository.Listing listing = BatchRepository.Listing.of(filter);
        Map<String, Object> params = new HashMap<>(listing.params());
        params.put("offset", 100);
        params.put("limit", 50);

        assertThat(store.plan(listing.select(), params))
                .containsPattern("/\\* PUBLIC\\." + indexFor(filter) + "[ :]")
                .contains("/* index sorted */")
                .doesNotContain("tableScan");
    }

    @ParameterizedTest
    @MethodSource("filters")
    void theCountOfEveryBatchListReadsAnIndexOrTheTablesOwnCount(BatchListFilter filter) {
        BatchRepository.Listing listing = BatchRepository.Listing.of(filter);
        String plan = store.plan(listing.count(), listing.params());

        assertThat(plan).doesNotContain("tableScan");
        if (filter.equals(new BatchListFilter(null, null, null, null))) {
            assertThat(plan).contains("/* direct lookup */");
        } else if (filter.sourceId() == null && filter.status() != null && filter.receivedFrom() == null && filter.receivedBefore() == null) {
            // status alone: either index that starts with it gives the count
            assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_BATCH_STATUS_\\w+: STATUS = 'FAILED'\\s+\\*/");
        } else {
            assertThat(plan).containsPattern("/\\* PUBLIC\\." + indexFor(filter) + ": ");
        }
    }

    @Test
    void aSourcesLastBatchIsTheFirstEntryOfItsSourcesIndex() {
        BatchRepository.Listing listing = BatchRepository.Listing.of(BatchListFilter.ofSource("source-17"));

        assertThat(store.plan(listing.select(), Map.of("source", "source-17", "offset", 0, "limit", 1)))
                .containsPattern("/\\* PUBLIC\\.IX_BATCH_SOURCE_RECEIVED: SOURCE_ID = \\?1\\s+\\*/")
                .contains("/* index sorted */");
    }

    @Test
    void theReceiptSweepReadsOnlyTheWindowOfChangedBatches() {
        String plan = store.plan(BatchRepository.RECEIPTS_DUE, Map.of("after", FROM, "before", TO, "limit", 500));

        // ordered by the last try, the due receipts of the window are sorted (few: the delivered ones are filtered out first)
        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_BATCH_UPDATED: UPDATED_AT > \\?1\\s+AND UPDATED_AT < \\?2\\s+\\*/")
                .contains("NOT IN('RECEIVED', 'CONVERTING')");
    }

    @Test
    void theLastChangeBeforeAStartIsOneEntryOfTheChangeIndex() {
        String plan = store.plan(BatchRepository.LAST_CHANGE_BEFORE, Map.of("before", TO));

        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_BATCH_UPDATED: UPDATED_AT < \\?1\\s+\\*/")
                .contains("/* index sorted */");
    }

    @Test
    void theNightlySummaryReadsOnlyThePeriodsBatches() {
        String plan = store.plan(BatchActivityQuery.BY_SOURCE, Map.of("failed", "FAILED", "staged", "STAGED", "from", FROM, "to", TO));

        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_BATCH_RECEIVED: RECEIVED_AT >= \\?3\\s+AND RECEIVED_AT < \\?4\\s+\\*/");
    }

    @Test
    void theArchivePurgeReadsOnlyTheOriginalsStillKeptOldestFirst() {
        // years on: the originals of all but the last fifth of the batches were purged on earlier nights
        GrownStoreOnH2 purged = GrownStoreOnH2.withRows(20_000)
                .change("UPDATE batch SET archive_purged_at = received_at WHERE id < 'B0000016000'");

        String plan = purged.plan(BatchRetention.ARCHIVE_KEPT, Map.of("finals", List.of("LOADED", "FAILED", "DUPLICATE"),
                "cutoff", TO, "limit", 200));

        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_BATCH_ARCHIVE_KEPT: ARCHIVE_PURGED_AT IS NULL\\s+AND RECEIVED_AT < \\?\\d\\s+\\*/")
                .contains("/* index sorted */")
                .doesNotContain("tableScan");
    }

    @Test
    void theStagingPurgeReadsOnlyTheBatchesItHasNotMarkedOldestChangeFirst() {
        // years on: every final batch but the last fifth was marked by earlier nights
        GrownStoreOnH2 purged = GrownStoreOnH2.withRows(20_000)
                .change("UPDATE batch SET staging_purged_at = updated_at WHERE id < 'B0000016000' "
                        + "AND status IN ('LOADED', 'FAILED', 'DUPLICATE', 'UNKNOWN_SOURCE', 'EMPTY')");

        String plan = purged.plan(BatchRetention.STAGING_KEPT, Map.of("finals", List.of("LOADED", "FAILED", "DUPLICATE"),
                "cutoff", TO, "limit", 200));

        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_BATCH_STAGING_KEPT: STAGING_PURGED_AT IS NULL\\s+AND UPDATED_AT < \\?\\d\\s+\\*/")
                .contains("/* index sorted */")
                .doesNotContain("tableScan");
    }

    @Test
    void theSupersededProblemsPurgeReadsOnlyTheMarkedBatchesNotTheNeverReprocessed() {
        // one batch in fifty was reprocessed and loaded again
        GrownStoreOnH2 reprocessed = GrownStoreOnH2.withRows(20_000)
                .change("UPDATE batch SET loaded_attempt = 2, superseded_problems_at = updated_at WHERE MOD(CAST(SUBSTRING(id, 2) AS INT), 50) = 0");

        String plan = reprocessed.plan(BatchRetention.SUPERSEDED_PROBLEMS, Map.of("since", BatchRetention.MARKS_SINCE, "cutoff", TO,
                "limit", 100));

        assertThat(plan).containsPattern("/\\* PUBLIC\\.IX_BATCH_SUPERSEDED_PROBLEMS: SUPERSEDED_PROBLEMS_AT >= \\?1\\s+"
                        + "AND SUPERSEDED_PROBLEMS_AT < \\?2\\s+\\*/")
                .contains("/* index sorted */")
                .doesNotContain("tableScan");
    }

    @Test
    void aReceiptsPageOfProblemsComesOffThePrimaryKeyInItsOrderNotSortedFromTheAttemptsRest() {
        // a batch of 300,000 problems is read 5,000 at a time: a page sorted from every problem after the last one read,
        // or read from the attempt's first problem on, would make the receipt quadratic in its problems
        GrownStoreOnH2 problems = withProblems("'TRACE_CODE_REQUIRED', '缺少追溯码'");

        String plan = problems.plan(BatchErrorRepository.PROBLEMS_PAGE, Map.of("batch", "B0000000017", "attempt", 1,
                "lastRow", 20_000L, "lastSeq", 1));

        assertThat(plan).containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: ")
                .contains("/* index sorted */")
                .doesNotContain("tableScan");
        // H2 names the lookup's conditions in an order of its own
        assertThat(plan.replaceAll(".*?/\\* PUBLIC\\.PRIMARY_KEY_\\w+: ([^*]*)\\*/.*", "$1"))
                .contains("BATCH_ID = ?1", "ATTEMPT = ?2", "ROW_NO >= ?3");
    }

    @Test
    void findingTheRejectedRowsWithoutCellsWalksTheAttemptsProblemsInKeyOrderAndLooksEachRowsCellsUp() {
        // the rows a load refused are found after it, a page at a time: each page from the last row read on, never the
        // attempt's problems sorted whole, and each row's cells by their key
        GrownStoreOnH2 problems = withProblems("'RECORD_KEY_CONFLICT', '唯一标识相同'");

        String plan = problems.plan(BatchErrorRepository.WITHOUT_CELLS, Map.of("batch", "B0000000017", "attempt", 1,
                "after", 20_000L, "limit", 1_000));

        assertThat(plan).contains("/* index sorted */").doesNotContain("tableScan");
        assertThat(plan.replaceAll("(?s).*?\"BATCH_ERROR\" \"E\"\\s+/\\* PUBLIC\\.PRIMARY_KEY_\\w+: ([^*]*)\\*/.*", "$1"))
                .contains("BATCH_ID = ?1", "ATTEMPT = ?2", "ROW_NO > ?3");
        assertThat(plan).containsPattern("\"REJECTED_ROW\" \"R\"\\s+/\\* PUBLIC\\.PRIMARY_KEY_\\w+: ");
    }

    /** A grown store whose batches have 60,000 errors of one code and message (SQL literals) over two attempts each. */
    private static GrownStoreOnH2 withProblems(String codeAndMessage) {
        return GrownStoreOnH2.withRows(20_000)
                .change("INSERT INTO batch_error (batch_id, attempt, row_no, seq, severity, code, message) "
                        + "SELECT 'B' || LPAD(MOD(X, 200) + 1, 10, '0'), 1 + MOD(X / 200, 2), X, MOD(X, 3), 'ERROR', "
                        + codeAndMessage + " FROM SYSTEM_RANGE(1, 60000)");
    }

    /** The index whose leading columns are the list's ORDER BY: the source's, else the status's, else the time's. */
    private static String indexFor(BatchListFilter filter) {
        return filter.sourceId() != null ? "IX_BATCH_SOURCE_RECEIVED"
                : filter.status() != null ? "IX_BATCH_STATUS_RECEIVED" : "IX_BATCH_RECEIVED";
    }
}
