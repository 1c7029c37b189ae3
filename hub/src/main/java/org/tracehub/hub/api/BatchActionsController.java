package org.tracehub.hub.api;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.security.SecurityCurrentUser;
import org.tracehub.jobs.actions.BatchActionRefused;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.actions.BatchJobHistory;
import org.tracehub.jobs.progress.BatchProgress;
import org.tracehub.jobs.progress.BatchProgressService;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;

/**
 * The batch jobs as the API exposes them: reprocess and retry (admin; they answer 202 at once, the
 * job runs in the background), the progress of a batch, and its job executions. A refused action is
 * a 409 problem document whose {@code code} says why ({@code BATCH_BUSY}, {@code BATCH_NOT_FAILED} …).
 */
@RestController
@RequestMapping("/api/batches")
public class BatchActionsController {

    private final BatchActions actions;
    private final BatchProgressService progress;
    private final BatchJobHistory history;
    private final BatchRepository batches;
    private final SecurityCurrentUser currentUser;

    public BatchActionsController(BatchActions actions, BatchProgressService progress, BatchJobHistory history,
                                  BatchRepository batches, SecurityCurrentUser currentUser) {
        this.actions = actions;
        this.progress = progress;
        this.history = history;
        this.batches = batches;
        this.currentUser = currentUser;
    }

    /** What was started; follow it at {@code progress}. */
    public record ActionStarted(String batchId, String action, int attempt, Long restartOf, String progress) {
    }

    /** Converts the archived original again with the current spec, as a new attempt. */
    @PostMapping("/{id}/reprocess")
    public ResponseEntity<ActionStarted> reprocess(@PathVariable String id) {
        checkId(id);
        return accepted(refusalsAsProblems(() -> actions.reprocess(id)));
    }

    /** Restarts the current attempt's failed run where it stopped. */
    @PostMapping("/{id}/retry")
    public ResponseEntity<ActionStarted> retry(@PathVariable String id) {
        checkId(id);
        return accepted(refusalsAsProblems(() -> actions.retry(id)));
    }

    /** Rows read and the estimated total while converting, events loaded while loading. */
    @GetMapping("/{id}/progress")
    public BatchProgress progress(@PathVariable String id) {
        checkId(id);
        return progress.of(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The import and load job executions of every attempt, oldest first, with their steps and counts. A sender sees them
     * without their exit descriptions: an exception's class and message, with the server's paths and hosts, are the
     * admins' to read (the batch's failure text and its receipt say in Chinese what the sender needs).
     */
    @GetMapping("/{id}/executions")
    public List<BatchJobHistory.Execution> executions(@PathVariable String id) {
        checkId(id);
        int attempts = batches.findById(id).orElseThrow(() -> notFound(id)).attempt();
        List<BatchJobHistory.Execution> executions = history.of(id, attempts);
        if (currentUser.restrictedSource().isEmpty()) {
            return executions;
        }
        return executions.stream().map(e -> new BatchJobHistory.Execution(e.id(), e.jobName(), e.attempt(), e.status(), e.exitCode(),
                null, e.startTime(), e.endTime(), e.steps())).toList();
    }

    private static ResponseEntity<ActionStarted> accepted(BatchActions.Started started) {
        String progressPath = "/api/batches/" + started.batchId() + "/progress";
        return ResponseEntity.accepted().location(URI.create(progressPath)).body(new ActionStarted(started.batchId(),
                started.action(), started.attempt(), started.restartOf(), progressPath));
    }

    private static BatchActions.Started refusalsAsProblems(java.util.function.Supplier<BatchActions.Started> action) {
        try {
            return action.get();
        } catch (BatchActionRefused e) {
            throw new ApiException(e.isNotFound() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.code(), e.getMessage());
        }
    }

    private static void checkId(String id) {
        if (!BatchIds.isWellFormed(id)) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiErrorCodes.BATCH_NOT_FOUND, "批次不存在：" + id);
    }
}
