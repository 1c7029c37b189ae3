package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * PostgreSQL refuses a NUL in any text, H2 takes it. A file name with one was never recorded there: intake failed on every
 * try, the sweep handed the file back every five minutes for ever, and the sender got no batch and no receipt. A list
 * filtered by a source id with one answered 500.
 */
class NulInBatchTextOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String NAME_WITH_NUL = "交易\u0000明细.csv";

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReceivedFileWhoseNameHoldsANulIsRecordedWithTheNulShownAsAReplacementCharacter(String vendor, DataSource ds) {
        BatchRepository batches = new BatchRepository(migrate(vendor, ds), new InsertIfAbsent(ds), CLOCK);

        assertThat(batches.insertReceived(newBatch("20261202-00000000a1", "aa"))).isEmpty();

        assertThat(batches.findById("20261202-00000000a1")).get().extracting(Batch::fileName).isEqualTo("交易\uFFFD明细.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFileEndingAtIntakeWhoseNameHoldsANulIsRecordedToo(String vendor, DataSource ds) {
        BatchRepository batches = new BatchRepository(migrate(vendor, ds), new InsertIfAbsent(ds), CLOCK);

        batches.insertTerminal(newBatch("20261202-00000000a2", "bb"), BatchStatus.UNKNOWN_SOURCE, null, "FILE_UNKNOWN",
                "无法识别的文件名“" + NAME_WITH_NUL + "”");

        assertThat(batches.findById("20261202-00000000a2")).get().satisfies(b -> {
            assertThat(b.fileName()).isEqualTo("交易\uFFFD明细.csv");
            assertThat(b.status()).isEqualTo(BatchStatus.UNKNOWN_SOURCE);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aListFilteredByASourceIdWithANulIsEmpty(String vendor, DataSource ds) {
        BatchRepository batches = new BatchRepository(migrate(vendor, ds), new InsertIfAbsent(ds), CLOCK);
        batches.insertReceived(newBatch("20261202-00000000a3", "cc"));
        BatchListFilter filter = BatchListFilter.ofSource("meat-wholesale-xj\u0000");

        assertThat(batches.find(filter, 0, 50)).isEmpty();
        assertThat(batches.count(filter)).isZero();
    }

    private static NewBatch newBatch(String id, String content) {
        return new NewBatch(id, "meat-wholesale-xj", NAME_WITH_NUL, "交易_明细.csv", "archive/2026/12/02/" + id + "/交易_明细.csv",
                100, content.repeat(32), Transport.HTTP, OffsetDateTime.now(CLOCK));
    }
}
