package org.tracehub.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.platform.testing.StatementCounter;

class DurableCommitsOnBothDatabasesTest extends BothDatabases {

    @TempDir
    Path dataDir;

    @Test
    void onTheEmbeddedH2ForcingAsksTheDatabaseToSyncItsFileToTheDisk() {
        // WRITE_DELAY=0 writes each commit to the file without forcing it: only the sync puts it on the disk
        String url = "jdbc:h2:file:" + dataDir.resolve("db/tracehub") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        StatementCounter h2 = new StatementCounter(new DriverManagerDataSource(url, "sa", ""));
        insertOperator(migrate("h2", h2.dataSource()));
        int before = h2.prepared().size();

        new DurableCommits(h2.dataSource()).force();

        assertThat(h2.prepared().subList(before, h2.prepared().size())).containsExactly("CHECKPOINT SYNC");
    }

    @Test
    void onPostgresqlWhichForcesEveryCommitItselfNothingMoreIsAsked() {
        StatementCounter postgres = new StatementCounter(postgres());
        insertOperator(migrate("postgresql", postgres.dataSource()));
        postgres.takeCount();

        // CHECKPOINT SYNC is H2's; PostgreSQL would refuse it
        new DurableCommits(postgres.dataSource()).force();

        assertThat(postgres.takeCount()).as("statements").isZero();
    }

    private static void insertOperator(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO operator (uscc, name, node_type, updated_at) VALUES (?, ?, ?, ?)")
                .params("91310000631696382C", "上海某某肉类经营部", "WHOLESALE", OffsetDateTime.parse("2026-11-28T06:30:00+08:00"))
                .update();
    }
}
