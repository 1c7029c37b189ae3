package org.tracehub.jobs.progress;

import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;
import org.tracehub.jobs.importjob.ConvertStepKeys;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.LoadStepKeys;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;

/**
 * A batch's progress from what its current attempt's job executions committed (any node can answer)
 * and, on the node doing the work, from {@link LiveProgress}. The total of a file still converting is
 * estimated from its size and the bytes its rows read so far took up.
 */
@Service
public class BatchProgressService {

    private final BatchRepository batches;
    private final BatchAttempts attempts;
    private final JobRepository jobRepository;
    private final LiveProgress live;

    public BatchProgressService(BatchRepository batches, BatchAttempts attempts, JobRepository jobRepository, LiveProgress live) {
        this.batches = batches;
        this.attempts = attempts;
        this.jobRepository = jobRepository;
        this.live = live;
    }

    public Optional<BatchProgress> of(String batchId) {
        return batches.findById(batchId).map(this::of);
    }

    private BatchProgress of(Batch batch) {
        int attempt = batch.attempt();
        JobInstance importInstance = instance(ImportJobParameters.JOB_NAME, batch.id(), attempt);
        JobInstance loadInstance = instance(ImportJobParameters.LOAD_JOB_NAME, batch.id(), attempt);
        boolean running = isRunning(importInstance) || isRunning(loadInstance);
        Optional<LiveProgress.Snapshot> now = live.of(batch.id()).filter(s -> s.attempt() == attempt);

        // the latest run of the convert step: an execution restarted after the conversion has none of its own
        StepExecution convert = importInstance == null ? null
                : jobRepository.getLastStepExecution(importInstance, ImportJobConfiguration.CONVERT_STEP);
        boolean converted = convert != null && convert.getStatus() == BatchStatus.COMPLETED;
        long rowsRead = 0;
        long bytesRead = 0;
        if (convert != null) {
            ExecutionContext context = convert.getExecutionContext();
            rowsRead = context.getLong(ConvertStepKeys.CONSUMED, 0L) - context.getLong(ConvertStepKeys.SKIPPED, 0L);
            bytesRead = context.getLong(ConvertStepKeys.BYTES_READ, 0L);
        }
        if (now.isPresent() && now.get().phase() == LiveProgress.Phase.CONVERTING && now.get().done() >= rowsRead) {
            rowsRead = now.get().done();
            bytesRead = now.get().bytesRead();
        }
        Long estimate = converted ? Long.valueOf(rowsRead)
                : bytesRead > 0 ? Long.valueOf(Math.max(rowsRead, Math.round(rowsRead * (double) batch.sizeBytes() / bytesRead)))
                : null;

        boolean staged = converted || batch.status() == org.tracehub.platform.batch.BatchStatus.STAGED
                || batch.status() == org.tracehub.platform.batch.BatchStatus.LOADED;
        Long rowsToLoad = staged ? batch.rowsAccepted() : null;
        Long rowsLoaded = null;
        boolean inStore = attempts.loadedAttempt(batch.id()).map(a -> a == attempt).orElse(false);
        if (now.isPresent() && now.get().phase() == LiveProgress.Phase.LOADING) {
            rowsLoaded = now.get().done();
        } else if (inStore && batch.status() == org.tracehub.platform.batch.BatchStatus.LOADED) {
            rowsLoaded = batch.rowsAccepted();
        } else if (staged || inStore) {
            // a first load claims the store with its first transaction: until it is LOADED, what its committed
            // transactions wrote (running on another node, or stopped part-way)
            rowsLoaded = committedLoad(importInstance, loadInstance);
        }

        String phase = phase(batch, running);
        Integer percent = switch (phase) {
            case "DONE" -> 100;
            case "WAITING" -> 0;
            case "CONVERTING" -> estimate == null || estimate == 0 ? 0 : (int) Math.min(99, 100 * rowsRead / estimate);
            case "LOADING" -> rowsToLoad == null || rowsToLoad == 0 || rowsLoaded == null ? 0
                    : (int) Math.min(99, 100 * rowsLoaded / rowsToLoad);
            case "WAITING_FOR_LOAD" -> 0;
            default -> null;
        };
        return new BatchProgress(batch.id(), attempt, batch.status().name(), phase, running, rowsRead, estimate, rowsToLoad,
                rowsLoaded, percent);
    }

    /** Events the committed transactions of the attempt's latest load step wrote (import or nightly load job). */
    private long committedLoad(JobInstance... instances) {
        long loaded = 0;
        for (JobInstance instance : instances) {
            StepExecution load = instance == null ? null : jobRepository.getLastStepExecution(instance, ImportJobConfiguration.LOAD_STEP);
            if (load != null) {
                loaded = Math.max(loaded, load.getExecutionContext().getLong(LoadStepKeys.LOADED, 0L));
            }
        }
        return loaded;
    }

    private static String phase(Batch batch, boolean running) {
        return switch (batch.status()) {
            case RECEIVED -> "WAITING";
            case CONVERTING -> "CONVERTING";
            case STAGED -> running ? "LOADING" : "WAITING_FOR_LOAD";
            case FAILED -> "FAILED";
            case LOADED, DUPLICATE, UNKNOWN_SOURCE, EMPTY -> "DONE";
        };
    }

    private JobInstance instance(String jobName, String batchId, int attempt) {
        return attempt == 0 ? null : jobRepository.getJobInstance(jobName, ImportJobParameters.of(batchId, attempt));
    }

    private boolean isRunning(JobInstance instance) {
        if (instance == null) {
            return false;
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        return last != null && last.isRunning();
    }
}
