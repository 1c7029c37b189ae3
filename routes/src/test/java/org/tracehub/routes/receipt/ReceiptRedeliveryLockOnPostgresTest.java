package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tracehub.platform.batch.BatchReceiptDue;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.testing.BothDatabases;

/**
 * Two nodes sharing a real PostgreSQL database (platform's {@code LocalPostgres}) sweep for missing receipts on the same
 * interval: while one node sweeps, the other's sweep delivers nothing, so an overdue receipt is written into the outbox
 * they share by one node at a time. (On H2 a node is alone: {@code IntakeAndReceiptRoutesTest}'s redelivery tests.)
 */
class ReceiptRedeliveryLockOnPostgresTest extends BothDatabases {

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private DataSource ds;

    @BeforeEach
    void server() {
        ds = postgres();
    }

    @Test
    void aSweepWhileAnotherNodeSweepsDeliversNothingAndTheNextOneDeliversEveryOverdueReceipt() throws Exception {
        ReceiptRedeliverySweep here = sweep(() -> List.of(due("b1"), due("b2")), delivered::add);
        CountDownLatch otherNodeSweeping = new CountDownLatch(1);
        CountDownLatch otherNodeDone = new CountDownLatch(1);
        // the other node's sweep, with a session (and so a connection) of its own
        CompletableFuture<Boolean> otherNode = CompletableFuture.supplyAsync(() -> new AdvisoryLocks(postgres())
                .tryHolding(ReceiptRedeliverySweep.LOCK_KEY, () -> {
                    otherNodeSweeping.countDown();
                    try {
                        otherNodeDone.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(otherNodeSweeping.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            here.run();
            assertThat(delivered).as("the other node is delivering them").isEmpty();
        } finally {
            otherNodeDone.countDown();
        }
        assertThat(otherNode.get(30, TimeUnit.SECONDS)).isTrue();

        here.run();
        assertThat(delivered).containsExactly("b1", "b2");
    }

    @Test
    void aReceiptThatCannotBeWrittenHoldsBackNoOther() {
        ReceiptRedeliverySweep here = sweep(() -> List.of(due("broken"), due("b2")), batchId -> {
            if (batchId.equals("broken")) {
                throw new IllegalStateException("outbox not writable");
            }
            delivered.add(batchId);
        });

        here.run();

        assertThat(delivered).containsExactly("b2");
    }

    private ReceiptRedeliverySweep sweep(Supplier<List<BatchReceiptDue>> overdue, Consumer<String> deliver) {
        return new ReceiptRedeliverySweep(new AdvisoryLocks(ds), () -> 0, overdue, batchId -> {
            deliver.accept(batchId);
            return true;
        }, Clock.systemUTC(), Duration.ofMinutes(1));
    }

    /** A receipt due of a source of its own. */
    private static BatchReceiptDue due(String batchId) {
        return new BatchReceiptDue(batchId, "source-of-" + batchId);
    }
}
