package org.tracehub.jobs.purge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a purge run achieved, step by step and as a whole. The purge's kinds are independent (staging, problems,
 * archives, receipts, inbox leftovers, job records): one that fails — a database error, say — must not keep the others
 * from running, or everything after it grows until the disk fills, night after night. So every step goes on to the next
 * whatever its outcome ({@link PurgeJobConfiguration#purgeJob}), and this decides at the end what the run reports:
 * <ul>
 *     <li>a step failed (its exit code {@code FAILED}; Spring Batch shows its status as ABANDONED once the flow went on
 *     past it): the run ends FAILED (exit code {@code FAILED}), the failed steps and why in its exit description;</li>
 *     <li>files or folders could not be deleted ({@link NotDeleted}): the step's exit code is
 *     {@value PurgeParameters#FILES_NOT_DELETED} (its description says how many and names the first few), and the run
 *     ends COMPLETED with that exit code;</li>
 *     <li>the clock check refused the run ({@link ClockCheckTasklet}): FAILED, exit code
 *     {@value PurgeParameters#CLOCK_AHEAD}, nothing deleted;</li>
 *     <li>otherwise COMPLETED.</li>
 * </ul>
 * The exit code is the {@code status} tag of Spring Batch's {@code spring.batch.job} and {@code spring.batch.step}
 * metrics, so a purge that left something behind is seen on the dashboards as well as in the log (one summary line, at
 * ERROR when the run did not do everything).
 */
class PurgeOutcome implements StepExecutionListener, JobExecutionDecider, JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PurgeOutcome.class);

    @Override
    public ExitStatus afterStep(StepExecution step) {
        long notDeleted = NotDeleted.count(step);
        if (failed(step)) {
            log.error("{} failed ({}); the purge goes on with its next step", step.getStepName(), failures(step));
            return null;
        }
        if (notDeleted > 0) {
            String description = notDeleted + " file(s) or folder(s) could not be deleted and are left for the next run: "
                    + NotDeleted.examples(step) + (notDeleted > 3 ? " …" : "");
            log.error("{}: {}", step.getStepName(), description);
            return new ExitStatus(PurgeParameters.FILES_NOT_DELETED, description);
        }
        return null;
    }

    @Override
    public FlowExecutionStatus decide(JobExecution job, StepExecution lastStep) {
        if (!failedSteps(job).isEmpty()) {
            return FlowExecutionStatus.FAILED;
        }
        return notDeleted(job) > 0 ? new FlowExecutionStatus(PurgeParameters.FILES_NOT_DELETED) : FlowExecutionStatus.COMPLETED;
    }

    /** The run's summary: one line in the log, and the exit description of the run. */
    @Override
    public void afterJob(JobExecution job) {
        Optional<StepExecution> refused = job.getStepExecutions().stream()
                .filter(s -> PurgeParameters.CLOCK_AHEAD.equals(s.getExitStatus().getExitCode())).findFirst();
        if (refused.isPresent()) {
            // FAILED (the alerts on the purge fire), and the code and the reason the check gave, for whoever looks at the run
            job.setExitStatus(new ExitStatus(PurgeParameters.CLOCK_AHEAD, refused.get().getExitStatus().getExitDescription()));
            return;
        }
        List<String> removed = new ArrayList<>();
        for (StepExecution step : job.getStepExecutions()) {
            removed.add(step.getStepName() + " " + step.getWriteCount());
        }
        List<StepExecution> failed = failedSteps(job);
        long notDeleted = notDeleted(job);
        String summary = "removed " + String.join(", ", removed)
                + (notDeleted > 0 ? "; " + notDeleted + " file(s) or folder(s) could not be deleted" : "")
                + (failed.isEmpty() ? "" : "; failed: " + failed.stream().map(s -> s.getStepName() + " (" + failures(s) + ")")
                        .collect(Collectors.joining(", ")));
        String runAt = job.getJobParameters().getString(PurgeParameters.RUN_AT);
        if (failed.isEmpty() && notDeleted == 0) {
            log.info("purge {}: {}", runAt, summary);
        } else {
            log.error("purge {} ended {} ({}): {}", runAt, job.getStatus(), job.getExitStatus().getExitCode(), summary);
        }
        job.setExitStatus(job.getExitStatus().addExitDescription(summary));
    }

    private static List<StepExecution> failedSteps(JobExecution job) {
        return job.getStepExecutions().stream().filter(PurgeOutcome::failed).toList();
    }

    /** FAILED; ABANDONED once the flow went on past it (Spring Batch's mark that a restart does not run it again). */
    private static boolean failed(StepExecution step) {
        return step.getStatus().isUnsuccessful();
    }

    private static long notDeleted(JobExecution job) {
        return job.getStepExecutions().stream().mapToLong(NotDeleted::count).sum();
    }

    private static String failures(StepExecution step) {
        return step.getFailureExceptions().isEmpty() ? step.getExitStatus().getExitDescription()
                : step.getFailureExceptions().stream().map(Throwable::toString).collect(Collectors.joining("; "));
    }
}
