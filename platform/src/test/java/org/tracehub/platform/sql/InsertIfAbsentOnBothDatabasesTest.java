package org.tracehub.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.platform.testing.BothDatabases;

class InsertIfAbsentOnBothDatabasesTest extends BothDatabases {

    private static final String INSERT = "INSERT INTO pull_fetched (source_id, key_hash, file_key, fetched_at) VALUES (?, ?, ?, ?)";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-28T02:00+08:00");

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRowWhoseKeyIsTakenIsSkippedAndTheSurroundingTransactionGoesOn(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        InsertIfAbsent inserts = new InsertIfAbsent(ds);

        new TransactionTemplate(new DataSourceTransactionManager(ds)).executeWithoutResult(tx -> {
            assertThat(fetched(inserts, "a.csv", "a.csv/10/1")).isTrue();
            assertThat(fetched(inserts, "a.csv", "a.csv/10/1 again")).isFalse();
            assertThat(fetched(inserts, "b.csv", "b.csv/20/1")).isTrue();
        });

        // the first row of a.csv stays
        assertThat(jdbc.sql("SELECT file_key FROM pull_fetched ORDER BY key_hash").query(String.class).list())
                .containsExactly("a.csv/10/1", "b.csv/20/1");
    }

    @Test
    void onPostgresqlARowThatBreaksAnotherUniqueKeyStillFails() {
        DataSource ds = postgres();
        migrate("postgresql", ds);
        InsertIfAbsent inserts = new InsertIfAbsent(ds);
        String insert = "INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, content_key, "
                + "transport, received_at, status, attempt, updated_at) VALUES (?, 's', 'f', 'f', 'a', 1, ?, ?, 'SFTP', ?, 'RECEIVED', 0, ?)";
        assertThat(inserts.insert(insert, "content_key", s -> s.params("b1", "x", "k1", AT, AT))).isTrue();

        assertThat(inserts.insert(insert, "content_key", s -> s.params("b2", "x", "k1", AT, AT))).isFalse();
        assertThatThrownBy(() -> inserts.insert(insert, "content_key", s -> s.params("b1", "x", "k2", AT, AT)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void onPostgresqlASkippedRowWritesNoErrorToTheServerLog() throws Exception {
        DataSource ds = postgres();
        migrate("postgresql", ds);
        InsertIfAbsent inserts = new InsertIfAbsent(ds);
        long mark = postgresLogMark();

        assertThat(fetched(inserts, "a.csv", "a.csv/10/1")).isTrue();
        assertThat(fetched(inserts, "a.csv", "a.csv/10/1")).isFalse();

        assertThat(postgresLogSince(mark)).doesNotContain("ERROR");
    }

    private static boolean fetched(InsertIfAbsent inserts, String hash, String key) {
        return inserts.insert(INSERT, "source_id, key_hash", s -> s.params("meat-wholesale-xj", hash, key, AT));
    }
}
