package org.tracehub.jobs.actions;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.tracehub.jobs.importjob.ConvertStepKeys;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;

/**
 * Every import and load job execution of a batch, attempt by attempt, found through the jobs'
 * identifying parameters with Spring Batch's own repository API. Spring Batch keeps its times as local
 * date-times of the JVM's zone; they are handed out in the hub's zone with their offset, as every other time
 * of a batch is, whatever zone the JVM runs in (a container's is often UTC).
 */
@Service
public class BatchJobHistory {

    private final JobRepository jobRepository;
    private final ZoneId hubZone;
    private final ZoneId jvmZone;

    @Autowired
    public BatchJobHistory(JobRepository jobRepository, Clock clock) {
        this(jobRepository, clock.getZone(), ZoneId.systemDefault());
    }

    BatchJobHistory(JobRepository jobRepository, ZoneId hubZone, ZoneId jvmZone) {
        this.jobRepository = jobRepository;
        this.hubZone = hubZone;
        this.jvmZone = jvmZone;
    }

    /** One execution of the import or load job for one attempt (a restarted attempt has several). */
    public record Execution(long id, String jobName, int attempt, String status, String exitCode, String exitDescription,
                            OffsetDateTime startTime, OffsetDateTime endTime, List<Step> steps) {
    }

    /** One step with its counts. */
    public record Step(String name, String status, long readCount, long writeCount, long commitCount, long rollbackCount,
                       long skipCount, OffsetDateTime startTime, OffsetDateTime endTime) {
    }

    /** Attempts 1 … {@code attempts}, oldest execution first. */
    public List<Execution> of(String batchId, int attempts) {
        List<Execution> all = new ArrayList<>();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            for (String job : List.of(ImportJobParameters.JOB_NAME, ImportJobParameters.LOAD_JOB_NAME)) {
                JobInstance instance = jobRepository.getJobInstance(job, ImportJobParameters.of(batchId, attempt));
                if (instance != null) {
                    for (JobExecution e : jobRepository.getJobExecutions(instance)) {
                        all.add(view(e, attempt));
                    }
                }
            }
        }
        all.sort(Comparator.comparing(Execution::id));
        return all;
    }

    /** A time of Spring Batch's (the JVM's zone) in the hub's zone. */
    OffsetDateTime inHubZone(LocalDateTime t) {
        return t == null ? null : t.atZone(jvmZone).withZoneSameInstant(hubZone).toOffsetDateTime();
    }

    private Execution view(JobExecution e, int attempt) {
        List<Step> steps = e.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(this::view)
                .toList();
        String description = e.getExitStatus().getExitDescription();
        return new Execution(e.getId(), e.getJobInstance().getJobName(), attempt, e.getStatus().name(),
                e.getExitStatus().getExitCode(), description == null || description.isEmpty() ? null : firstLine(description),
                inHubZone(e.getStartTime()), inHubZone(e.getEndTime()), steps);
    }

    private Step view(StepExecution s) {
        long read = s.getReadCount();
        long written = s.getWriteCount();
        ExecutionContext context = s.getExecutionContext();
        if (ImportJobConfiguration.CONVERT_STEP.equals(s.getStepName()) && context.containsKey(ConvertStepKeys.ROWS_AT_OPEN)) {
            // the convert step's items are runs of rows (PreparedRows): the rows it handed on, as the other steps count them;
            // a run is written when it is read, so both are the rows of the runs this execution committed
            read = context.getLong(ConvertStepKeys.CONSUMED, 0L) - context.getLong(ConvertStepKeys.SKIPPED, 0L)
                    - context.getLong(ConvertStepKeys.ROWS_AT_OPEN);
            written = read;
        }
        return new Step(s.getStepName(), s.getStatus().name(), read, written, s.getCommitCount(), s.getRollbackCount(),
                s.getSkipCount(), inHubZone(s.getStartTime()), inHubZone(s.getEndTime()));
    }

    /** Exit descriptions hold stack traces: the first line says what happened, the log has the rest. */
    private static String firstLine(String description) {
        int nl = description.indexOf('\n');
        return nl < 0 ? description : description.substring(0, nl).strip();
    }
}
