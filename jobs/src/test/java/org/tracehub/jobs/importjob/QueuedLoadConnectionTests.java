package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.tracehub.jobs.actions.PausingTrigger;

/**
 * A load queued behind another on this node waits for its turn at the store before its step's transaction takes a pooled
 * connection. It used to take one first and hold it for the other load's whole length: a few loads queued (the import's,
 * the nightly sync's, the background threads') with the pulls and the purge ran the pool of ten dry, and a claim that
 * then waited out the connection timeout failed its batch.
 */
class QueuedLoadConnectionTests extends ImportJobTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aLoadQueuedBehindAnotherHoldsNoConnectionWhileItWaits() throws Exception {
        String first = receive(SOURCE, FILE_NAME, reExport("XJM26121000"));
        String second = receive(SOURCE, FILE_NAME, reExport("XJM26121100"));
        PausingTrigger.install(jdbc, "trace_event", "BEFORE INSERT", Map.of("batch_id", first));
        try {
            CompletableFuture<JobExecution> firstImport = new CompletableFuture<>();
            running("first-import", () -> jobOperator.start(importJob, params(first, batches.startAttempt(first))), firstImport);
            PausingTrigger.awaitReached();
            int heldByTheFirst = activeConnections();

            CompletableFuture<JobExecution> secondImport = new CompletableFuture<>();
            int attempt = batches.startAttempt(second);
            Thread queued = running("second-import", () -> jobOperator.start(importJob, params(second, attempt)), secondImport);
            await().atMost(TIMEOUT).until(() -> waitingForTheStore(queued));

            assertThat(activeConnections()).as("connections in use while the second load waits").isEqualTo(heldByTheFirst);

            PausingTrigger.release();
            assertThat(firstImport.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(secondImport.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(store.countByBatch(first)).isEqualTo(7);
            assertThat(store.countByBatch(second)).isEqualTo(7);
        } finally {
            PausingTrigger.remove(jdbc);
        }
    }
}
