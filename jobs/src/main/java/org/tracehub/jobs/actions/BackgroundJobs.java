package org.tracehub.jobs.actions;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.recovery.QueuedRuns;

/**
 * Runs job starts and restarts that an admin asked for, or that start-up recovery found, on a few
 * threads of their own: the JobOperator runs a job in the calling thread, and an HTTP request must
 * not wait for a whole file. A job left running when the hub stops is found by the next start's
 * recovery.
 */
@Component
public class BackgroundJobs implements DisposableBean, QueuedRuns {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

    /** A job start or restart; throws what the JobOperator throws. */
    @FunctionalInterface
    public interface JobRun {
        JobExecution run() throws Exception;
    }

    private final ExecutorService executor;
    /**
     * Runs queued or running here, by batch attempt ({@code batchId#attempt}), with how many: a queued run is in no job
     * repository yet, and a batch whose run waits here must not be taken for one that nothing will take up.
     */
    private final ConcurrentHashMap<String, Integer> pending = new ConcurrentHashMap<>();

    public BackgroundJobs(@Value("${hub.jobs.background-threads:2}") int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs the job in the background. The future completes with the execution when it ended, or
     * exceptionally when the job could not be started at all (then {@code onRefused} has run with the
     * refusal: whether the batch is at fault depends on why, e.g. another run took the attempt first).
     */
    public CompletableFuture<JobExecution> submit(String what, JobRun run, Consumer<Exception> onRefused) {
        return submit(what, null, run, onRefused);
    }

    /** {@link #submit(String, JobRun, Consumer)} of a run of the given batch attempt, which {@link #isPending} knows of until it ends. */
    public CompletableFuture<JobExecution> submit(String what, String batchId, int attempt, JobRun run, Consumer<Exception> onRefused) {
        return submit(what, key(batchId, attempt), run, onRefused);
    }

    /** Whether a run of the batch attempt is queued or running on this node. */
    @Override
    public boolean isPending(String batchId, int attempt) {
        return pending.containsKey(key(batchId, attempt));
    }

    private CompletableFuture<JobExecution> submit(String what, String key, JobRun run, Consumer<Exception> onRefused) {
        if (key != null) {
            pending.merge(key, 1, Integer::sum);
        }
        // the caller's log context (the batch and source of the request) goes with the run
        Map<String, String> context = MDC.getCopyOfContextMap();
        try {
            return CompletableFuture.supplyAsync(() -> {
                Map<String, String> previous = MDC.getCopyOfContextMap();
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    JobExecution execution = run.run();
                    log.info("{}: execution {} ended {}", what, execution.getId(), execution.getStatus());
                    return execution;
                } catch (Exception e) {
                    log.error("{}: the job could not be started", what, e);
                    onRefused.accept(e);
                    throw new IllegalStateException(what + ": the job could not be started", e);
                } finally {
                    done(key);
                    if (previous != null) {
                        MDC.setContextMap(previous);
                    } else {
                        MDC.clear();
                    }
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            done(key); // stopping: the run never queued, so it is not pending either
            throw e;
        }
    }

    private void done(String key) {
        if (key != null) {
            pending.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    private static String key(String batchId, int attempt) {
        return batchId + "#" + attempt;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
