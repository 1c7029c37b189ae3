package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The pull stores on a real PostgreSQL, where a failed insert is an ERROR in the server's log and aborts the transaction
 * it runs in: a file key or a source already recorded is skipped without one.
 */
class PullStoresOnPostgresTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private DataSource ds;
    private JdbcClient jdbc;

    @BeforeEach
    void migrated() {
        ds = postgres();
        jdbc = migrate("postgresql", ds);
    }

    @Test
    void aFileKeyAddedAgainInsideATransactionIsRefusedAndTheTransactionGoesOn() {
        FetchedFiles fetched = new FetchedFiles("meat-wholesale-xj", jdbc, new InsertIfAbsent(ds), CLOCK);

        Boolean containedAfter = new TransactionTemplate(new DataSourceTransactionManager(ds)).execute(tx -> {
            assertThat(fetched.add("交易明细_20261128.csv/2048/1764300000000")).isTrue();
            assertThat(fetched.add("交易明细_20261128.csv/2048/1764300000000")).isFalse();
            return fetched.contains("交易明细_20261128.csv/2048/1764300000000");
        });

        assertThat(containedAfter).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pull_fetched").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aFileKeyAddedAgainAndASourcesFirstPullWriteNoErrorToTheServerLog() throws Exception {
        long mark = postgresLogMark();
        FetchedFiles fetched = new FetchedFiles("meat-wholesale-xj", jdbc, new InsertIfAbsent(ds), CLOCK);
        PullStatusStore status = new PullStatusStore(jdbc, new InsertIfAbsent(ds), CLOCK);

        assertThat(fetched.add("a.csv/10/1")).isTrue();
        assertThat(fetched.add("a.csv/10/1")).isFalse();
        status.started("meat-wholesale-xj", OffsetDateTime.now(CLOCK));
        assertThat(status.failed("meat-wholesale-xj", OffsetDateTime.now(CLOCK), "连接超时")).isEqualTo(1);

        assertThat(postgresLogSince(mark)).doesNotContain("ERROR");
    }
}
