package org.tracehub.jobs.importjob;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;

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
}
