package org.tracehub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracehub.platform.testing.GrownStoreOnH2;

/**
 * A batch's page shows its newest audit entries and counts them, and the log grows as the batches do: a batch's entries
 * must be looked up by the batch, the whole log's newest read off its time index. Plans, not timings, on a store holding
 * audit entries as years of them are spread.
 */
class AuditLogQueryPlanTest {

    private static GrownStoreOnH2 store;

    @BeforeAll
    static void growStore() {
        store = GrownStoreOnH2.withRows(20_000);
    }

    @Test
    void aBatchsEntriesAreLookedUpByTheBatch() {
        assertThat(store.plan(AuditLog.FIND_OF_BATCH, Map.of("batch", "B0000000500", "offset", 0, "limit", 20)))
                .containsPattern("/\\* PUBLIC\\.IX_AUDIT_LOG_BATCH: BATCH_ID = \\?1\\s+\\*/")
                .doesNotContain("tableScan");
        assertThat(store.plan(AuditLog.COUNT_OF_BATCH, Map.of("batch", "B0000000500")))
                .containsPattern("/\\* PUBLIC\\.IX_AUDIT_LOG_BATCH: BATCH_ID = \\?1\\s+\\*/")
                .doesNotContain("tableScan");
        assertThat(store.plan(AuditLog.COUNT_UP_TO_OF_BATCH, Map.of("batch", "B0000000500", "atMost", 10_051)))
                .containsPattern("/\\* PUBLIC\\.IX_AUDIT_LOG_BATCH: BATCH_ID = \\?1\\s+\\*/")
                .doesNotContain("tableScan");
    }

    @Test
    void theWholeLogsNewestEntriesAreReadOffTheTimeIndexAndCountedNoFurtherThanAsked() {
        assertThat(store.plan(AuditLog.FIND_ALL, Map.of("offset", 40, "limit", 20)))
                .containsPattern("/\\* PUBLIC\\.IX_AUDIT_LOG_ACTED_AT \\*/")
                .contains("/* index sorted")
                .doesNotContain("tableScan");
        assertThat(store.plan(AuditLog.COUNT_UP_TO_ALL, Map.of("atMost", 10_051))).contains("FETCH FIRST ?1 ROWS ONLY");
    }
}
