package org.tracehub.jobs.importjob;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The runs of a batch attempt that stopped, one after the other, for a full data disk: what
 * {@code hub.jobs.disk-full-retry.max-tries} counts. Such a run's exit code is {@link #EXIT_CODE} (set by the import failure
 * listener, saved by the job with the run); a run that ended otherwise (another failure, an admin's retry that failed
 * elsewhere) ends the count, so a batch that failed once for another reason still gets all its tries.
 */
public final class DiskFullRuns {

    /** The exit code of a run after which the batch waits for disk space: the console's job table shows it. */
    public static final String EXIT_CODE = ErrorCodes.DISK_FULL;

    private DiskFullRuns() {
    }

    /** The run's exit status saying it stopped for the disk, its description (the failure) kept. */
    static ExitStatus exitStatus(JobExecution run) {
        return new ExitStatus(EXIT_CODE, run.getExitStatus().getExitDescription());
    }

    /** The attempt's last runs (of its import and load jobs) that stopped for the disk, counted back from its newest run. */
    public static int ofAttempt(JobRepository jobRepository, String batchId, int attempt) {
        return consecutive(runs(jobRepository, batchId, attempt));
    }

    /** {@code run}, which stops for the disk now (not saved so yet), and the runs of its attempt before it that did too. */
    static int endingWith(JobRepository jobRepository, JobExecution run, String batchId, int attempt) {
        return 1 + consecutive(runs(jobRepository, batchId, attempt).filter(e -> e.getId() < run.getId()));
    }

    private static Stream<JobExecution> runs(JobRepository jobRepository, String batchId, int attempt) {
        return Stream.of(ImportJobParameters.JOB_NAME, ImportJobParameters.LOAD_JOB_NAME)
                .map(name -> jobRepository.getJobInstance(name, ImportJobParameters.of(batchId, attempt)))
                .filter(Objects::nonNull)
                .flatMap(instance -> jobRepository.getJobExecutions(instance).stream());
    }

    private static int consecutive(Stream<JobExecution> runs) {
        List<JobExecution> newestFirst = runs.sorted(Comparator.comparing(JobExecution::getId).reversed()).toList();
        int count = 0;
        for (JobExecution e : newestFirst) {
            if (!EXIT_CODE.equals(e.getExitStatus().getExitCode())) {
                break;
            }
            count++;
        }
        return count;
    }
}
