package org.tracehub.jobs.importjob;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.recovery.StartFailures;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchLogContext;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Starts the import job for each batch announced on {@code hub.batch.received}. Several nodes may
 * listen: the queue hands each batch to one of them. The job runs in the listener's thread, so the
 * message is acknowledged only after the execution ended.
 */
@Component
public class ImportJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportJobLauncher.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job importJob;
    private final BatchRepository batches;
    private final BatchReporter reporter;
    private final BatchAttempts attempts;

    public ImportJobLauncher(JobOperator jobOperator, JobRepository jobRepository, Job importJob, BatchRepository batches,
                             BatchAttempts attempts, BatchReporter reporter) {
        this.attempts = attempts;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.importJob = importJob;
        this.batches = batches;
        this.reporter = reporter;
    }

    /**
     * Starts the announced batch's import. While the database cannot be reached the announcement is taken off the queue
     * and the batch left as it is, not failed back to the broker: the listener's session is transacted and the broker
     * redelivers at once, so a short outage ran every waiting announcement through its delivery attempts in milliseconds
     * into the dead-letter queue (the {@code deadLetters} health DEGRADED until someone cleared it). A batch still RECEIVED
     * is announced again by routes' {@code batch-redispatch}; one the outage left CONVERTING is taken up by the recovery
     * ({@code InterruptedJobRecovery.takeOverLostRuns}).
     */
    @JmsListener(destination = BatchMessaging.BATCH_RECEIVED_QUEUE, concurrency = "${hub.jobs.import-concurrency:1}")
    public void onBatchReceived(String batchId) throws Exception {
        try {
            Batch batch = batches.findById(batchId).orElse(null);
            if (batch == null || batch.status() != BatchStatus.RECEIVED) {
                log.warn("ignoring {} for batch {} in status {}", BatchMessaging.BATCH_RECEIVED_QUEUE, batchId,
                        batch == null ? "unknown" : batch.status());
                return;
            }
            start(batchId);
        } catch (Exception e) {
            if (!StartFailures.databaseUnreachable(e)) {
                throw e;
            }
            log.warn("{} for batch {} set aside: the database cannot be reached ({}); batch-redispatch announces the batch "
                    + "again while it is RECEIVED", BatchMessaging.BATCH_RECEIVED_QUEUE, batchId, StartFailures.rootMessage(e));
        }
    }

    /**
     * The attempt is CONVERTING but has no execution (the job repository refused to create it): left so, neither
     * the message's redelivery (which only takes RECEIVED batches) nor an admin's retry or reprocess would take it
     * up. As FAILED with a processing error the admins can reprocess it, and the sender hears of it.
     */
    private void notStarted(String batchId, int attempt, Exception cause) {
        log.error("importJob batch={} attempt={} could not start", batchId, attempt, cause);
        try {
            batches.markFailed(batchId, attempt, ErrorCodes.PROCESSING_ERROR, ImportFailureListener.PROCESSING_ERROR_MESSAGE);
            reporter.report(batchId);
        } catch (RuntimeException e) {
            // the database or the broker is down too: the recovery takes the CONVERTING batch up, at the next start or, on
            // this node, once the batch has been unchanged for hub.jobs.recovery.node-timeout (takeOverLostRuns)
            log.error("batch {} attempt {} stays CONVERTING", batchId, attempt, e);
        }
    }

    /** Starts the first attempt of a RECEIVED batch's import and waits for it to end. */
    public JobExecution run(String batchId) throws Exception {
        return start(batchId).orElseThrow(() -> new IllegalStateException("batch " + batchId + " is no longer RECEIVED"));
    }

    /**
     * Starts attempt 1 only while the batch is RECEIVED, by compare-and-set: the redispatch announces a waiting batch
     * again, and two announcements handled at once (several consumers, several nodes) must not both start it — the
     * second would fail the running attempt's batch, or run beside it. Empty when another announcement was first.
     */
    private Optional<JobExecution> start(String batchId) throws Exception {
        String sourceId = batches.findById(batchId).map(Batch::sourceId).orElse(null);
        try (BatchLogContext ignored = BatchLogContext.open(batchId, sourceId)) {
            OptionalInt started = attempts.startNextAttempt(batchId, Set.of(BatchStatus.RECEIVED));
            if (started.isEmpty()) {
                log.info("batch {} was started by another announcement", batchId);
                return Optional.empty();
            }
            int attempt = started.getAsInt();
            JobParameters params = new JobParametersBuilder()
                    .addString(ImportJobParameters.BATCH_ID, batchId)
                    .addLong(ImportJobParameters.ATTEMPT, (long) attempt)
                    .toJobParameters();
            JobExecution execution;
            try {
                // the attempt is new, but an instance a crash left without an execution must not block it
                execution = AttemptJobStarts.start(jobOperator, jobRepository, importJob, params);
            } catch (Exception e) {
                notStarted(batchId, attempt, e);
                throw e;
            }
            log.info("importJob batch={} attempt={} ended {}", batchId, attempt, execution.getStatus());
            return Optional.of(execution);
        }
    }
}
