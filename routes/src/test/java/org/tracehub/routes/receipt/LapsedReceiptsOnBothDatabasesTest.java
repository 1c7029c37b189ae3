package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.platform.testing.MutableClock;

/**
 * Receipts that left the redelivery's lookback while no report ran — every node down for longer than the lookback, or
 * the reports failing that long — are reported once at ERROR and marked given up by the next report, as those that leave
 * it while the hub runs; those delivered or already reported are not.
 */
class LapsedReceiptsOnBothDatabasesTest extends BothDatabases {

    private static final Duration LOOKBACK = Duration.ofDays(7);
    private static final String SOURCE = "meat-wholesale-xj";

    private final MutableClock clock = new MutableClock();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger lapsedLog = (Logger) LoggerFactory.getLogger(LapsedReceipts.class);
    private JdbcClient jdbc;
    private BatchRepository batches;

    @BeforeEach
    void listen() {
        log.start();
        lapsedLog.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        lapsedLog.detachAppender(log);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReceiptThatLeftTheLookbackWhileTheHubWasDownIsReportedOnceByTheFirstReportAfterItStarts(String vendor, DataSource ds) {
        store(vendor, ds);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the hub stopped 30 days ago, just after these changed: one receipt never reached the outbox, one did, and one
        // that had left the lookback earlier was reported then
        batch("20261029-00000000e1", now.minusDays(30));
        batch("20261029-00000000d1", now.minusDays(30));
        batches.markReceiptDelivered("20261029-00000000d1", BatchStatus.EMPTY, 0);
        batch("20261024-00000000e0", now.minusDays(35));
        batches.markReceiptGivenUp("20261024-00000000e0");

        LapsedReceipts started = new LapsedReceipts(batches, clock, LOOKBACK);
        assertThat(started.report()).isEqualTo(1);
        assertThat(started.report()).as("reported once").isZero();

        assertThat(errors()).singleElement().asString().contains("20261029-00000000e1", SOURCE, "no longer delivered again");
        assertThat(givenUp("20261029-00000000e1")).isNotNull();
        assertThat(givenUp("20261029-00000000d1")).isNull();
        assertThat(errors()).noneMatch(line -> line.contains("20261024-00000000e0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReceiptThatLeftTheLookbackWhileNoReportRanIsReportedByTheNextOne(String vendor, DataSource ds) {
        store(vendor, ds);
        LapsedReceipts running = new LapsedReceipts(batches, clock, LOOKBACK);
        // changed after the node started
        clock.advance(Duration.ofHours(1));
        batch("20261128-00000000e2", OffsetDateTime.now(clock));
        assertThat(running.report()).as("still within the lookback").isZero();

        // the reports fail for a month (the database unreachable); the receipt leaves the lookback meanwhile
        clock.advance(Duration.ofDays(30));

        assertThat(running.report()).isEqualTo(1);
        assertThat(errors()).singleElement().asString().contains("20261128-00000000e2", SOURCE);
        assertThat(givenUp("20261128-00000000e2")).isNotNull();
    }

    private void store(String vendor, DataSource ds) {
        jdbc = migrate(vendor, ds);
        batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), clock);
    }

    /** An EMPTY batch (owed a receipt at once) that last changed at {@code changed}, its receipt undelivered. */
    private void batch(String id, OffsetDateTime changed) {
        String name = "交易明细_" + id + ".csv";
        batches.insertTerminal(new NewBatch(id, SOURCE, name, name, "archive/" + id + "/" + name, 0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Transport.SFTP, changed),
                BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(changed, id).update();
    }

    private List<String> errors() {
        return log.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Object givenUp(String id) {
        return jdbc.sql("SELECT receipt_given_up_at FROM batch WHERE id = ?").param(id).query((rs, i) -> rs.getObject(1)).list().get(0);
    }
}
