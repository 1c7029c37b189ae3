package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.platform.batch.BatchReceiptDue;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.testing.MutableClock;

/**
 * A sweep's work is bounded: each failed delivery costs the route's quick retry (here: the clock moves a second), so a
 * sweep stops once its budget is spent and the next takes up the rest, the least recently tried first; and a source whose
 * outbox fails has one receipt tried per sweep, not each of them, while the other sources' receipts are delivered.
 * (On H2 a node is alone: {@code ReceiptRedeliveryLockOnPostgresTest} has the nodes.)
 */
class ReceiptRedeliverySweepTest {

    private static final Duration RETRY = Duration.ofSeconds(1);

    private final AdvisoryLocks locks = new AdvisoryLocks(
            new DriverManagerDataSource("jdbc:h2:mem:sweep" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    private final MutableClock clock = new MutableClock();
    private final List<String> tried = new ArrayList<>();

    @Test
    void aSweepOfFailingReceiptsStopsOnceItsBudgetIsSpentAndTheNextSweepTakesUpTheRest() {
        // six sources' outboxes all failing, one receipt each, the least recently tried first
        List<BatchReceiptDue> due = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            due.add(new BatchReceiptDue("b" + i, "source-" + i));
        }
        ReceiptRedeliverySweep sweep = new ReceiptRedeliverySweep(locks, () -> 0, () -> List.copyOf(due), batchId -> {
            tried.add(batchId);
            clock.advance(RETRY);
            // a failed try makes the receipt the most recently tried
            BatchReceiptDue receipt = due.stream().filter(d -> d.batchId().equals(batchId)).findFirst().orElseThrow();
            due.remove(receipt);
            due.add(receipt);
            return false;
        }, clock, Duration.ofSeconds(3));

        sweep.run();
        assertThat(tried).as("three seconds' worth").containsExactly("b1", "b2", "b3");

        sweep.run();
        assertThat(tried).containsExactly("b1", "b2", "b3", "b4", "b5", "b6");
    }

    @Test
    void aSweepTriesOneReceiptOfASourceWhoseOutboxFailsAndDeliversEveryOtherSourcesReceipts() {
        // the sources in turn, as the store hands them out; the broken outbox's receipts are the least recently tried
        List<BatchReceiptDue> due = List.of(new BatchReceiptDue("a1", "broken-outbox"), new BatchReceiptDue("h1", "healthy"),
                new BatchReceiptDue("a2", "broken-outbox"), new BatchReceiptDue("h2", "healthy"),
                new BatchReceiptDue("a3", "broken-outbox"), new BatchReceiptDue("a4", "broken-outbox"));
        List<String> delivered = new ArrayList<>();
        ReceiptRedeliverySweep sweep = new ReceiptRedeliverySweep(locks, () -> 0, () -> due, batchId -> {
            tried.add(batchId);
            if (batchId.startsWith("a")) {
                clock.advance(RETRY);
                throw new IllegalStateException("outbox not writable");
            }
            delivered.add(batchId);
            return true;
        }, clock, Duration.ofMinutes(1));

        sweep.run();

        assertThat(tried).as("the broken outbox's other receipts wait for the next sweep").containsExactly("a1", "h1", "h2");
        assertThat(delivered).containsExactly("h1", "h2");
    }

    @Test
    void aSweepTriesOneReceiptEvenWithNoBudgetLeft() {
        ReceiptRedeliverySweep sweep = new ReceiptRedeliverySweep(locks, () -> 0,
                () -> List.of(new BatchReceiptDue("b1", "s1"), new BatchReceiptDue("b2", "s2")), batchId -> {
                    tried.add(batchId);
                    return true;
                }, clock, Duration.ZERO);

        sweep.run();

        assertThat(tried).containsExactly("b1");
    }
}
