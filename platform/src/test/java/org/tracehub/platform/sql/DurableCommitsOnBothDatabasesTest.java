package org.tracehub.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.platform.testing.BothDatabases;

class DurableCommitsOnBothDatabasesTest extends BothDatabases {

    @TempDir
    Path dataDir;

    @Test
    void onTheEmbeddedH2ACommittedRowIsForcedToTheDatabaseFileAndReadBackAfterReopening() {
        String url = "jdbc:h2:file:" + dataDir.resolve("db/tracehub") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        DataSource h2 = new DriverManagerDataSource(url, "sa", "");
        JdbcClient jdbc = migrate("h2", h2);
        insertOperator(jdbc);

        new DurableCommits(h2).force();

        jdbc.sql("SHUTDOWN").update();
        assertThat(JdbcClient.create(new DriverManagerDataSource(url, "sa", "")).sql("SELECT name FROM operator").query(String.class)
                .single()).isEqualTo("上海某某肉类经营部");
    }

    @Test
    void onPostgresqlWhichForcesEveryCommitItselfNothingMoreIsAsked() {
        DataSource postgres = postgres();
        JdbcClient jdbc = migrate("postgresql", postgres);
        insertOperator(jdbc);

        // CHECKPOINT SYNC is H2's; PostgreSQL would refuse it
        new DurableCommits(postgres).force();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM operator").query(Long.class).single()).isEqualTo(1);
    }

    private static void insertOperator(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO operator (uscc, name, node_type, updated_at) VALUES (?, ?, ?, ?)")
                .params("91310000631696382C", "上海某某肉类经营部", "WHOLESALE", OffsetDateTime.parse("2026-11-28T06:30:00+08:00"))
                .update();
    }
}
