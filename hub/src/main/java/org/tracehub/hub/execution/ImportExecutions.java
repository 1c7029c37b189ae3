package org.tracehub.hub.execution;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.importjob.ImportJobParameters;

/**
 * A batch's import executions, found through the job's identifying parameters (batch id and attempt,
 * one job instance per attempt), so nothing but Spring Batch's own repository API is used.
 */
@Component
public class ImportExecutions {

    private final JobRepository jobRepository;

    public ImportExecutions(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** Every execution of attempts 1 … {@code attempts}, oldest first. */
    public List<ImportExecution> of(String batchId, int attempts) {
        List<ImportExecution> all = new ArrayList<>();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            all.addAll(ofAttempt(batchId, attempt));
        }
        return all;
    }

    public List<ImportExecution> ofAttempt(String batchId, int attempt) {
        JobInstance instance = jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, new JobParametersBuilder()
                .addString(ImportJobParameters.BATCH_ID, batchId)
                .addLong(ImportJobParameters.ATTEMPT, (long) attempt)
                .toJobParameters());
        if (instance == null) {
            return List.of();
        }
        return jobRepository.getJobExecutions(instance).stream()
                .map(e -> view(e, attempt))
                .sorted(Comparator.comparing(ImportExecution::id))
                .toList();
    }

    /** When the attempt's first execution started: the start of the attempt. */
    public Optional<LocalDateTime> attemptStart(String batchId, int attempt) {
        return ofAttempt(batchId, attempt).stream().map(ImportExecution::startTime).filter(t -> t != null).findFirst();
    }

    private static ImportExecution view(JobExecution e, int attempt) {
        List<ImportExecution.Step> steps = e.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(s -> new ImportExecution.Step(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(),
                        s.getCommitCount(), s.getSkipCount(), s.getStartTime(), s.getEndTime()))
                .toList();
        return new ImportExecution(e.getId(), attempt, e.getStatus().name(), e.getExitStatus().getExitCode(), e.getStartTime(),
                e.getEndTime(), steps);
    }
}
