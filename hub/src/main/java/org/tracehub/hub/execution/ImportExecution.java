package org.tracehub.hub.execution;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One execution of the import job for one attempt of a batch (a restarted attempt has several).
 *
 * @param status Spring Batch's status (STARTED, COMPLETED, FAILED …)
 */
public record ImportExecution(long id, int attempt, String status, String exitCode, LocalDateTime startTime,
                              LocalDateTime endTime, List<Step> steps) {

    /** Null while running. */
    public Duration duration() {
        return startTime == null || endTime == null ? null : Duration.between(startTime, endTime);
    }

    public boolean running() {
        return endTime == null;
    }

    /** One step of the execution with its item counts. */
    public record Step(String name, String status, long readCount, long writeCount, long commitCount, long skipCount,
                       LocalDateTime startTime, LocalDateTime endTime) {
    }
}
