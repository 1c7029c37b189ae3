package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * What the receipt delivery records on a batch (V29) and what the redelivery sweep and the console read from it: the
 * sweep takes the receipts it tried least recently first, a receipt that left the lookback undelivered is reported once,
 * and a batch says whether its receipt is behind it and why.
 */
class ReceiptBookkeepingOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final OffsetDateTime NOW = OffsetDateTime.now(CLOCK);

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSourceWhoseOutboxKeepsFailingDoesNotHoldBackAnotherSourcesReceiptsInTheSweep(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        // two batches of a source whose outbox is broken, changed first, each tried by the last sweep and failed
        for (String id : new String[] {"20261128-00000000f1", "20261128-00000000f2"}) {
            emptyBatch(batches, id, "broken-outbox");
            jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(NOW.minusHours(3), id).update();
            batches.markReceiptFailed(id, "java.nio.file.AccessDeniedException: outbox");
        }
        // a healthy source's batch, changed later, whose receipt went missing (the hub was down when the job reported it)
        emptyBatch(batches, "20261128-00000000a1", "healthy");
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(NOW.minusHours(2), "20261128-00000000a1").update();

        assertThat(batches.findReceiptsDue(NOW.minusDays(7), NOW.minusMinutes(10), 2))
                .as("a sweep with room for two takes the untried receipt first")
                .startsWith(new BatchReceiptDue("20261128-00000000a1", "healthy")).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSourcesTakeTurnsSoThatMoreReceiptsOfAFailingOutboxThanASweepTakesHoldBackNoOtherSource(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        // a source whose outbox failed for days: more receipts than a sweep takes, each tried long before the other's
        for (int i = 0; i < 4; i++) {
            String id = "20261125-00000000f" + i;
            emptyBatch(batches, id, "broken-outbox");
            jdbc.sql("UPDATE batch SET updated_at = ?, receipt_tried_at = ? WHERE id = ?")
                    .params(NOW.minusDays(3), NOW.minusDays(2).plusMinutes(i), id).update();
        }
        // two receipts of a healthy source whose delivery failed once, a minute ago
        for (String id : new String[] {"20261128-00000000a1", "20261128-00000000a2"}) {
            emptyBatch(batches, id, "healthy");
            jdbc.sql("UPDATE batch SET updated_at = ?, receipt_tried_at = ? WHERE id = ?")
                    .params(NOW.minusHours(2), NOW.minusMinutes(1), id).update();
        }

        assertThat(batches.findReceiptsDue(NOW.minusDays(7), NOW.minusMinutes(10), 3)).containsExactly(
                new BatchReceiptDue("20261125-00000000f0", "broken-outbox"),
                new BatchReceiptDue("20261128-00000000a1", "healthy"),
                new BatchReceiptDue("20261125-00000000f1", "broken-outbox"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theLastChangeBeforeAnInstantIsTheNewestBatchChangedBeforeIt(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        assertThat(batches.lastChangeBefore(NOW)).isEmpty();
        for (int day = 1; day <= 3; day++) {
            emptyBatch(batches, "20261128-00000000c" + day, "healthy");
            jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(NOW.minusDays(day * 10L), "20261128-00000000c" + day).update();
        }

        assertThat(batches.lastChangeBefore(NOW.minusDays(15))).get().matches(t -> t.isEqual(NOW.minusDays(20)));
        assertThat(batches.lastChangeBefore(NOW.minusDays(30))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReceiptThatLeftTheLookbackUndeliveredIsFoundOnceAndSaysWhy(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        emptyBatch(batches, "20261120-00000000e1", "broken-outbox");
        batches.markReceiptFailed("20261120-00000000e1", "java.nio.file.AccessDeniedException: outbox");
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(NOW.minusDays(8), "20261120-00000000e1").update();

        assertThat(batches.findReceiptsLapsed(NOW.minusDays(14), NOW.minusDays(7), 10)).singleElement().satisfies(lapse -> {
            assertThat(lapse.batchId()).isEqualTo("20261120-00000000e1");
            assertThat(lapse.sourceId()).isEqualTo("broken-outbox");
            assertThat(lapse.failure()).contains("AccessDeniedException");
        });
        assertThat(batches.receiptOf("20261120-00000000e1")).get().extracting(BatchReceipt::state).isEqualTo(BatchReceipt.State.BEHIND);

        assertThat(batches.markReceiptGivenUp("20261120-00000000e1")).isTrue();
        assertThat(batches.markReceiptGivenUp("20261120-00000000e1")).as("reported once").isFalse();
        assertThat(batches.findReceiptsLapsed(NOW.minusDays(14), NOW.minusDays(7), 10)).isEmpty();
        BatchReceipt receipt = batches.receiptOf("20261120-00000000e1").orElseThrow();
        assertThat(receipt.state()).isEqualTo(BatchReceipt.State.GIVEN_UP);
        assertThat(receipt.state().chinese()).startsWith("回执未送达");
        assertThat(receipt.failure()).contains("AccessDeniedException");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeliveredReceiptIsDeliveredUntilTheBatchChangesAgain(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        emptyBatch(batches, "20261128-00000000d1", "healthy");
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(NOW.minusHours(1), "20261128-00000000d1").update();
        batches.markReceiptFailed("20261128-00000000d1", "disk full");

        batches.markReceiptDelivered("20261128-00000000d1", BatchStatus.EMPTY, 0);

        BatchReceipt delivered = batches.receiptOf("20261128-00000000d1").orElseThrow();
        assertThat(delivered.state()).isEqualTo(BatchReceipt.State.DELIVERED);
        assertThat(delivered.deliveredStatus()).isEqualTo(BatchStatus.EMPTY);
        assertThat(delivered.deliveredAttempt()).isZero();
        assertThat(delivered.deliveredAt()).isEqualTo(NOW);
        assertThat(delivered.failure()).as("the failure is over").isNull();

        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(NOW.plusMinutes(1), "20261128-00000000d1").update();
        assertThat(batches.receiptOf("20261128-00000000d1")).get().extracting(BatchReceipt::state).isEqualTo(BatchReceipt.State.BEHIND);
    }

    private static void emptyBatch(BatchRepository batches, String id, String source) {
        batches.insertTerminal(new NewBatch(id, source, "交易明细_" + id + ".csv", "交易明细_" + id + ".csv", "archive/" + id, 0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Transport.SFTP, NOW.minusDays(9)),
                BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
    }
}
