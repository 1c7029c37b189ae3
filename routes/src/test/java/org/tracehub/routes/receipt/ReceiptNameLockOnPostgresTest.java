package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.BothDatabases;

/**
 * Two nodes sharing a real PostgreSQL database and an outbox deliver receipts of one stored file name one at a time: while
 * another node holds the name's lock (it is reading who owns the plain name, moving an older receipt aside and writing),
 * this node's delivery of a batch of that name writes nothing and records nothing, and goes on once the lock is free.
 */
class ReceiptNameLockOnPostgresTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String SOURCE = "meat-wholesale-xj";
    private static final String NAME = "交易明细_20261128.csv";

    @TempDir
    Path dataDir;

    @Test
    void aDeliveryWaitsWhileAnotherNodeDeliversAReceiptOfTheSameNameIntoTheSharedOutbox() throws Exception {
        DataSource ds = postgres();
        JdbcClient jdbc = migrate("postgresql", ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        HubStorage storage = new HubStorage(dataDir.toString());
        ReceiptDelivery here = new ReceiptDelivery(batches, new BatchErrorRepository(new JdbcTemplate(ds)),
                new BatchAttempts(jdbc, CLOCK, batches), SpecCatalog.builtIn(), storage, CLOCK, new AdvisoryLocks(ds),
                Duration.ofMinutes(10), Duration.ofDays(7));
        String batchId = "20261128-00000000e1";
        batches.insertTerminal(new NewBatch(batchId, SOURCE, NAME, NAME, "archive/2026/11/28/" + batchId + "/" + NAME, 0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Transport.SFTP, OffsetDateTime.now(CLOCK)),
                BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
        Path receipt = storage.outbox(SOURCE).resolve(NAME + ".receipt.csv");

        CountDownLatch otherNodeDelivering = new CountDownLatch(1);
        CountDownLatch otherNodeDone = new CountDownLatch(1);
        // the other node, delivering a batch of the same name, with a session (and so a connection) of its own
        CompletableFuture<Void> otherNode = CompletableFuture.runAsync(() -> new AdvisoryLocks(postgres())
                .holding(ReceiptDelivery.nameLockKey(SOURCE, NAME), () -> {
                    otherNodeDelivering.countDown();
                    try {
                        otherNodeDone.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
        assertThat(otherNodeDelivering.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Path> delivery;
        try {
            delivery = CompletableFuture.supplyAsync(() -> {
                try {
                    return here.deliver(batchId);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            // the delivery waits for the name's lock, in the server, however slow the machine
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(jdbc) || delivery.isDone());
            assertThat(delivery).as("waiting for the other node").isNotDone();
            assertThat(receipt).doesNotExist();
            assertThat(receiptStatus(jdbc, batchId)).isNull();
        } finally {
            otherNodeDone.countDown();
        }
        otherNode.get(30, TimeUnit.SECONDS);

        assertThat(delivery.get(30, TimeUnit.SECONDS)).isEqualTo(receipt);
        assertThat(receipt).exists();
        assertThat(receiptStatus(jdbc, batchId)).isEqualTo("EMPTY");
    }

    private static boolean waitingForALock(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").query(Integer.class).single() > 0;
    }

    private static String receiptStatus(JdbcClient jdbc, String batchId) {
        return jdbc.sql("SELECT receipt_status FROM batch WHERE id = ?").param(batchId).query((rs, i) -> rs.getString(1)).list().get(0);
    }
}
