package org.tracehub.jobs.actions;

import java.util.Map;
import java.util.concurrent.CancellationException;
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
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.recovery.QueuedRuns;
import org.tracehub.jobs.recovery.RunningJobsStop;

/**
 * Runs job starts and restarts that an admin asked for, or that start-up recovery found, on a few
 * threads of their own: the JobOperator runs a job in the calling thread, and an HTTP request must
 * not wait for a whole file.
 *
 * <p>When the hub stops, a run still queued is not started (its batch, CONVERTING or STAGED, is the next start's
 * recovery's), and a running one is not interrupted: {@link RunningJobsStop} asks Spring Batch to stop it at its next
 * chunk, and the next start restarts it. An interrupt failed the step, and the batch of a good file became FAILED.
 */
@Component
public class BackgroundJobs implements DisposableBean, SmartLifecycle, QueuedRuns {

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
    private volatile boolean running;
    /** Set once the hub stops: a run that reaches a thread after that is not started. */
    private volatile boolean stopping;

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
                    if (stopping) {
                        // not onRefused: the batch is not at fault, and recovery takes it up as it was left
                        log.info("{}: not started, the hub is stopping; the next start's recovery takes its batch up", what);
                        throw new CancellationException(what + ": not started, the hub is stopping");
                    }
                    JobExecution execution;
                    try {
                        execution = run.run();
                    } catch (Exception e) {
                        log.error("{}: the job could not be started", what, e);
                        onRefused.accept(e);
                        throw new IllegalStateException(what + ": the job could not be started", e);
                    }
                    log.info("{}: execution {} ended {}", what, execution.getId(), execution.getStatus());
                    return execution;
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
    public void start() {
        running = true;
    }

    /** Runs queued from now on are not started; those running are left to {@link RunningJobsStop}. */
    @Override
    public void stop() {
        stopping = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops in the JMS listeners' phase, with {@link RunningJobsStop}. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /**
     * Never interrupts a running job (shutdownNow did): the interrupt failed its step and its batch. A run that has not
     * stopped by now goes on until the JVM exits (daemon threads), and the next start recovers it as after a crash.
     */
    @Override
    public void destroy() {
        stopping = true;
        executor.shutdown();
    }
}
