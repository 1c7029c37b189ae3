package org.tracehub.jobs.sync;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.jobs.messaging.JobMessageSender;
import org.tracehub.platform.batch.BatchActivity;
import org.tracehub.platform.batch.BatchActivityQuery;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * Closes a sync run with its summary per source: one log line each, Micrometer counters (tagged by
 * source, so a dashboard shows files, rows, rejects, failures and loads per night), and the JSON on
 * the topic {@code hub.sync.completed}. The summary is also kept in the step's context.
 */
class SyncSummaryTasklet implements Tasklet {

    static final String SUMMARY = "sync.summary";

    private static final Logger log = LoggerFactory.getLogger(SyncSummaryTasklet.class);

    private final OffsetDateTime runAt;
    private final String sourcesParameter;
    private final Set<String> sources;
    private final Duration window;
    private final SyncSources syncSources;
    private final BatchActivityQuery activity;
    private final JobRepository jobRepository;
    private final JobMessageSender messages;
    private final MeterRegistry meters;

    SyncSummaryTasklet(OffsetDateTime runAt, String sourcesParameter, Set<String> sources, Duration window, SyncSources syncSources,
                       BatchActivityQuery activity, JobRepository jobRepository, JobMessageSender messages, MeterRegistry meters) {
        this.runAt = runAt;
        this.sourcesParameter = sourcesParameter;
        this.sources = sources;
        this.window = window;
        this.syncSources = syncSources;
        this.activity = activity;
        this.jobRepository = jobRepository;
        this.messages = messages;
        this.meters = meters;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution self = chunkContext.getStepContext().getStepExecution();
        JobInstance instance = self.getJobExecution().getJobInstance();
        ExecutionContext loads = contextOf(instance, NightlySyncParameters.LOAD_STAGED_STEP);
        ExecutionContext pulls = contextOf(instance, NightlySyncParameters.REQUEST_PULLS_STEP);
        Set<String> pulled = new TreeSet<>(Arrays.asList(pulls.getString(NightlySyncParameters.PULLS_REQUESTED, "").split(",")));
        pulled.remove("");

        OffsetDateTime from = runAt.minus(window);
        Map<String, BatchActivity> received = new TreeMap<>();
        for (BatchActivity a : activity.bySource(from, runAt)) {
            if (syncSources.covers(sources, a.sourceId())) {
                received.put(a.sourceId(), a);
            }
        }
        Set<String> ids = new TreeSet<>(received.keySet());
        ids.addAll(syncSources.nightlyLoading(sources));
        ids.addAll(pulled);
        List<SyncSummary.Source> lines = new ArrayList<>();
        for (String id : ids) {
            BatchActivity a = received.getOrDefault(id, new BatchActivity(id, 0, 0, 0, 0, 0));
            lines.add(new SyncSummary.Source(id, a.files(), a.rowsRead(), a.rowsRejected(), a.failed(), a.staged(),
                    loads.getLong(NightlySyncParameters.LOADED_PREFIX + id, 0L),
                    loads.getLong(NightlySyncParameters.LOAD_FAILED_PREFIX + id, 0L), pulled.contains(id)));
        }
        SyncSummary summary = new SyncSummary(runAt, from, sourcesParameter, lines);

        for (SyncSummary.Source s : lines) {
            log.info("nightly sync {} {}: files={} rows={} rejects={} failures={} staged={} loaded={} loadFailures={} pulled={}",
                    runAt, s.sourceId(), s.files(), s.rows(), s.rejects(), s.failures(), s.staged(), s.loaded(), s.loadFailures(),
                    s.pullRequested());
            count("hub.sync.files", "Files received in the sync window", s.sourceId(), s.files());
            count("hub.sync.rows", "Rows read from the files received in the sync window", s.sourceId(), s.rows());
            count("hub.sync.rejects", "Rows rejected in the files received in the sync window", s.sourceId(), s.rejects());
            count("hub.sync.failures", "Failed batches among the files received in the sync window", s.sourceId(), s.failures());
            count("hub.sync.loaded", "Staged batches the sync loaded", s.sourceId(), s.loaded());
            count("hub.sync.load.failures", "Staged batches whose load by the sync failed", s.sourceId(), s.loadFailures());
        }
        SyncSummary.Source totals = summary.totals();
        log.info("nightly sync {} for {}: {} sources, files={} rows={} rejects={} failures={} loaded={} loadFailures={}", runAt,
                sourcesParameter, lines.size(), totals.files(), totals.rows(), totals.rejects(), totals.failures(), totals.loaded(),
                totals.loadFailures());
        meters.counter("hub.sync.runs", "sources", sourcesParameter).increment();

        String json = summary.toJson();
        self.getExecutionContext().putString(SUMMARY, json);
        // within hub.jobs.send-timeout, or the step fails saying so (before, a broker with a full disk held it, and its
        // transaction, for ever)
        messages.publish(BatchMessaging.SYNC_COMPLETED_TOPIC, json);
        return RepeatStatus.FINISHED;
    }

    private void count(String name, String description, String sourceId, long amount) {
        io.micrometer.core.instrument.Counter.builder(name).description(description).tag("source", sourceId).register(meters)
                .increment(amount);
    }

    /** The context of the run's latest execution of a step (a restarted run skips the steps that completed before). */
    private ExecutionContext contextOf(JobInstance instance, String stepName) {
        StepExecution step = jobRepository.getLastStepExecution(instance, stepName);
        return step == null ? new ExecutionContext() : step.getExecutionContext();
    }
}
