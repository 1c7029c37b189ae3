package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracehub.platform.testing.GrownStoreOnH2;

/**
 * The dashboard reads periods of the batch table, which grows by 6,000 rows a day for good: each of its statements must
 * read its period through an index, not every batch ever received (2–3 s each at 1,000,000 batches before V13). Plans,
 * not timings, on a store holding batches as years of them are spread.
 */
class DashboardQueryPlanTest {

    private static final OffsetDateTime FROM = GrownStoreOnH2.DAY_START;
    private static final OffsetDateTime TO = GrownStoreOnH2.DAY_END;

    private static GrownStoreOnH2 store;

    @BeforeAll
    static void growStore() {
        store = GrownStoreOnH2.withRows(20_000);
    }

    @Test
    void todaysAndLastNightsBatchesByStatusReadOnlyThatPeriod() {
        assertThat(store.plan(DashboardQueries.STATUS_BY_SOURCE, Map.of("from", FROM, "to", TO)))
                .containsPattern("/\\* PUBLIC\\.IX_BATCH_RECEIVED: RECEIVED_AT >= \\?1\\s+AND RECEIVED_AT < \\?2\\s+\\*/")
                .doesNotContain("tableScan");
    }

    @Test
    void theChartsRowsPerDayReadOnlyItsDays() {
        assertThat(store.plan(DashboardQueries.DAILY_ROWS, Map.of("from", FROM, "to", TO)))
                .containsPattern("/\\* PUBLIC\\.IX_BATCH_RECEIVED: RECEIVED_AT >= \\?1\\s+AND RECEIVED_AT < \\?2\\s+\\*/")
                .doesNotContain("tableScan");
    }

    @Test
    void silentSourcesReadOnlyTheLookbackDays() {
        assertThat(store.plan(DashboardQueries.SENT_SINCE, Map.of("from", FROM, "unknown", "UNKNOWN_SOURCE")))
                .containsPattern("/\\* PUBLIC\\.IX_BATCH_RECEIVED: RECEIVED_AT >= \\?1\\s+\\*/")
                .doesNotContain("tableScan");
    }

    @Test
    void failingSourcesReadOnlyTheRecentFailuresNotEveryFailedBatchEver() {
        assertThat(store.plan(DashboardQueries.FAILED_SINCE, Map.of("failed", "FAILED", "since", FROM, "waiting", "DISK_FULL")))
                .containsPattern("/\\* PUBLIC\\.IX_BATCH_STATUS_UPDATED: STATUS = \\?1\\s+AND UPDATED_AT >= \\?2\\s+\\*/")
                .doesNotContain("tableScan");
    }
}
