package org.tracehub.jobs.purge;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The purge's first step: refuses the run when its time is more than {@code clock-tolerance} ahead of the time of the last
 * purge run that was not refused. Every purge step deletes what is older than the run's time minus an age, so a node
 * whose clock jumped years ahead would delete every original at its next run, irreversibly; a refused run deletes nothing
 * (the job ends FAILED, exit code {@value PurgeParameters#CLOCK_AHEAD}, the reason in its exit description and at ERROR
 * in the log, and the scheduled-job metrics report its failure).
 *
 * <p>Measured against the previous run, not against the batches' times: the daily runs are a day apart whether or not
 * any file arrived (a hub without traffic for weeks is not refused), while a batch received after the jump carries the
 * jumped time and would vouch for it. Only before the first run (or once the job records of every earlier run were
 * purged) are the batches' newest received and changed times the measure. A hub that was down for longer than the
 * tolerance is refused as a jumped clock is; an admin who checked the clock lets the run through with
 * {@code hub.jobs.purge.accept-clock-until} (a run due at or before that time is not checked), once: the next run is
 * measured from that one.
 */
class ClockCheckTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ClockCheckTasklet.class);

    /** The runAt of every earlier purge run that was not refused (a few hundred at most: job records go after 90 days). */
    static final String EARLIER_RUNS = "SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p "
            + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
            + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
            + "WHERE i.JOB_NAME = :job AND p.PARAMETER_NAME = :runAt AND e.JOB_EXECUTION_ID <> :current "
            + "AND (e.EXIT_CODE IS NULL OR e.EXIT_CODE <> :refused)";

    private final OffsetDateTime runAt;
    private final PurgeSettings settings;
    private final JdbcClient jdbc;

    ClockCheckTasklet(OffsetDateTime runAt, PurgeSettings settings, JdbcClient jdbc) {
        this.runAt = runAt;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Optional<OffsetDateTime> accepted = settings.clockAcceptedUntil();
        if (accepted.isPresent() && !runAt.isAfter(accepted.get())) {
            log.warn("purge {}: not checked against the last run (hub.jobs.purge.accept-clock-until={})", runAt, accepted.get());
            return RepeatStatus.FINISHED;
        }
        long current = contribution.getStepExecution().getJobExecutionId();
        Optional<Known> known = lastRun(current).or(this::newestBatch);
        if (known.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        Duration ahead = Duration.between(known.get().at(), runAt);
        if (ahead.compareTo(settings.clockTolerance()) <= 0) {
            return RepeatStatus.FINISHED;
        }
        String reason = "本次清理的时间 " + runAt + " 比" + known.get().what() + " " + known.get().at() + " 晚 " + days(ahead)
                + "，超过允许的 " + days(settings.clockTolerance()) + "（hub.jobs.purge.clock-tolerance）：服务器时钟可能被调快，"
                + "按此时间清理会提前删除原始文件等数据，本次未删除任何数据。请核对服务器时间；如时间无误（如平台停机较久），"
                + "设置 hub.jobs.purge.accept-clock-until=" + runAt + " 后本次时间的清理即可运行";
        log.error("purge {} refused: the run is {} ahead of {} {} (more than hub.jobs.purge.clock-tolerance {}); the clock may "
                        + "have jumped ahead, and the run would delete what is not yet due; nothing was deleted. If the clock is "
                        + "right (the hub was down that long), set hub.jobs.purge.accept-clock-until={}", runAt, ahead,
                known.get().whatInEnglish(), known.get().at(), settings.clockTolerance(), runAt);
        contribution.setExitStatus(new ExitStatus(PurgeParameters.CLOCK_AHEAD, reason));
        return RepeatStatus.FINISHED;
    }

    /** The newest time the database knows to measure the run against, and what it is. */
    private record Known(OffsetDateTime at, String what, String whatInEnglish) {
    }

    private Optional<Known> lastRun(long current) {
        return jdbc.sql(EARLIER_RUNS)
                .param("job", PurgeParameters.JOB_NAME)
                .param("runAt", PurgeParameters.RUN_AT)
                .param("current", current)
                .param("refused", PurgeParameters.CLOCK_AHEAD)
                .query(String.class).list().stream()
                .flatMap(value -> parsed(value).stream())
                .max(OffsetDateTime::compareTo)
                .map(at -> new Known(at, "上次清理的时间", "the last purge run"));
    }

    private Optional<Known> newestBatch() {
        return jdbc.sql("SELECT MAX(received_at), MAX(updated_at) FROM batch")
                .query((rs, i) -> newer(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)))
                .single()
                .map(at -> new Known(at, "最近一次接收或处理批次的时间", "the newest batch time"));
    }

    private static Optional<OffsetDateTime> newer(OffsetDateTime a, OffsetDateTime b) {
        if (a == null || b == null) {
            return Optional.ofNullable(a == null ? b : a);
        }
        return Optional.of(a.isAfter(b) ? a : b);
    }

    private static Optional<OffsetDateTime> parsed(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String days(Duration duration) {
        long hours = duration.toHours();
        return hours % 24 == 0 ? hours / 24 + " 天" : String.format("%.1f 天", hours / 24.0);
    }
}
