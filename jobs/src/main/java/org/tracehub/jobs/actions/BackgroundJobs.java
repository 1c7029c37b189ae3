package org.tracehub.jobs.actions;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs job starts and restarts that an admin asked for, or that start-up recovery found, on a few
 * threads of their own: the JobOperator runs a job in the calling thread, and an HTTP request must
 * not wait for a whole file. A job left running when the hub stops is found by the next start's
 * recovery.
 */
@Component
public class BackgroundJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

    /** A job start or restart; throws what the JobOperator throws. */
    @FunctionalInterface
    public interface JobRun {
        JobExecution run() throws Exception;
    }

    private final ExecutorService executor;

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
        // the caller's log context (the batch and source of the request) goes with the run
        Map<String, String> context = MDC.getCopyOfContextMap();
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
                if (previous != null) {
                    MDC.setContextMap(previous);
                } else {
                    MDC.clear();
                }
            }
        }, executor);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
