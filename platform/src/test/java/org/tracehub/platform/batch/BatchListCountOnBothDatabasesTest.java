package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * A list page's count stops where it is told: on PostgreSQL even the unfiltered {@code COUNT(*)} of the batch table reads
 * every row (0.7–2.8 s at 2,000,000 batches, on each view of the console's list); H2 alone answers it from the table.
 */
class BatchListCountOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final BatchListFilter ALL = new BatchListFilter(null, null, null, null);

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCountUpToALimitIsTheLimitWhenMoreMatchAndExactWhenFewerDo(String vendor, DataSource ds) {
        BatchRepository batches = thirtyBatches(migrate(vendor, ds), ds);

        assertThat(batches.countUpTo(ALL, 11)).isEqualTo(11);
        assertThat(batches.countUpTo(ALL, 31)).isEqualTo(30);
        assertThat(batches.countUpTo(BatchListFilter.ofSource("source-1"), 100)).isEqualTo(10);
        assertThat(batches.countUpTo(new BatchListFilter(null, BatchStatus.RECEIVED, null, null), 5)).isEqualTo(5);
    }

    @Test
    void onPostgresqlTheUnfilteredCountReadsNoMoreRowsThanItsLimit() {
        DataSource ds = postgres();
        JdbcClient jdbc = migrate("postgresql", ds);
        thirtyBatches(jdbc, ds);
        BatchRepository.Listing listing = BatchRepository.Listing.of(ALL);

        String plan = String.join("\n", jdbc.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + listing.countUpTo())
                .param("atMost", 11).query(String.class).list());

        assertThat(plan).containsPattern("Scan .*on batch.*\\(actual rows=11 loops=1\\)").doesNotContain("rows=30");
    }

    private static BatchRepository thirtyBatches(JdbcClient jdbc, DataSource ds) {
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        for (int i = 0; i < 30; i++) {
            String id = String.format("20261202-%010d", i);
            batches.insertReceived(new NewBatch(id, "source-" + i % 3, "f.csv", "f.csv", "archive/" + id + "/f.csv", 1,
                    String.format("%064d", i), Transport.SFTP, OffsetDateTime.now(CLOCK).minusMinutes(i)));
        }
        return batches;
    }
}
