package org.tracehub.jobs.importjob;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** The runs of one batch attempt: the last execution of its import job and of its load job, found in the job repository. */
public final class AttemptExecutions {

    private static final List<String> JOBS = List.of(ImportJobParameters.JOB_NAME, ImportJobParameters.LOAD_JOB_NAME);

    private AttemptExecutions() {
    }

    /** The last execution of each of the attempt's jobs that has run; none for attempt 0. */
    public static Stream<JobExecution> lastOf(JobRepository jobRepository, String batchId, int attempt) {
        if (attempt == 0) {
            return Stream.empty();
        }
        JobParameters params = ImportJobParameters.of(batchId, attempt);
        return JOBS.stream()
                .map(name -> jobRepository.getJobInstance(name, params))
                .filter(Objects::nonNull)
                .map(jobRepository::getLastJobExecution)
                .filter(Objects::nonNull);
    }

    /** The attempt's newest execution, of either job: where the attempt stands. */
    public static Optional<JobExecution> newest(JobRepository jobRepository, String batchId, int attempt) {
        return lastOf(jobRepository, batchId, attempt).max(Comparator.comparing(JobExecution::getId));
    }

    /**
     * Whether the run failed in its receipt step and nowhere else: what it was for is done (for an import of a batch
     * still STAGED, the stage step decided to wait for the night), and only the report did not go out, which the receipt
     * redelivery sends.
     */
    public static boolean failedOnlyInReceipt(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED) {
            return false;
        }
        List<String> failed = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                .map(StepExecution::getStepName)
                .toList();
        return failed.equals(List.of(ImportJobConfiguration.RECEIPT_STEP));
    }
}
