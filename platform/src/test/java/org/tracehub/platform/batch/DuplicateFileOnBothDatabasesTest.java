package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * A file whose content its source sent before is recognised as a DUPLICATE of the first batch without a failing insert:
 * on PostgreSQL a unique violation is an ERROR in the server's log and aborts a surrounding transaction.
 */
class DuplicateFileOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDuplicateFoundInsideATransactionLeavesTheTransactionUsable(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        NewBatch first = newBatch("20261128-00000000a1", "aa");
        NewBatch again = newBatch("20261128-00000000a2", "aa");

        Optional<Batch> original = new TransactionTemplate(new DataSourceTransactionManager(ds)).execute(tx -> {
            assertThat(batches.insertReceived(first)).isEmpty();
            Optional<Batch> found = batches.insertReceived(again);
            // intake's next statement, in the same transaction: PostgreSQL refused it after a failed insert
            batches.insertTerminal(again, BatchStatus.DUPLICATE, first.id(), "FILE_DUPLICATE", "重复文件");
            return found;
        });

        assertThat(original).get().extracting(Batch::id).isEqualTo(first.id());
        assertThat(rows(jdbc, "SELECT id, status, duplicate_of FROM batch ORDER BY id")).containsExactly(
                Arrays.asList(first.id(), "RECEIVED", null), Arrays.asList(again.id(), "DUPLICATE", first.id()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchIdTakenByAnotherFileIsStillAnErrorNotADuplicate(String vendor, DataSource ds) {
        BatchRepository batches = new BatchRepository(migrate(vendor, ds), new InsertIfAbsent(ds), CLOCK);
        assertThat(batches.insertReceived(newBatch("20261128-00000000aa", "aa"))).isEmpty();

        assertThatThrownBy(() -> batches.insertReceived(newBatch("20261128-00000000aa", "bb"))).isInstanceOf(DuplicateKeyException.class);
        assertThat(batches.findById("20261128-00000000aa")).get().extracting(Batch::sha256).isEqualTo("aa".repeat(32));
    }

    @Test
    void onPostgresqlADuplicateWritesNoErrorToTheServerLog() throws Exception {
        DataSource ds = postgres();
        BatchRepository batches = new BatchRepository(migrate("postgresql", ds), new InsertIfAbsent(ds), CLOCK);
        long mark = postgresLogMark();

        assertThat(batches.insertReceived(newBatch("20261128-00000000b1", "cc"))).isEmpty();
        assertThat(batches.insertReceived(newBatch("20261128-00000000b2", "cc"))).get().extracting(Batch::id)
                .isEqualTo("20261128-00000000b1");

        assertThat(postgresLogSince(mark)).doesNotContain("ERROR");
    }

    private static NewBatch newBatch(String id, String content) {
        return new NewBatch(id, "meat-wholesale-xj", "交易明细_20261128.csv", "交易明细_20261128.csv", "archive/2026/11/28/" + id
                + "/交易明细_20261128.csv", 100, content.repeat(32), Transport.SFTP, OffsetDateTime.now(CLOCK));
    }
}
