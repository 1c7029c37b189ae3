package org.tracehub.jobs.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.jobs.messaging.JobMessageSender;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * Asks routes to pull each source the run covers that has a pull configured: its id on the queue
 * {@code hub.pull.requested}. The pull itself (the legacy SFTP server, completeness, archiving) is
 * transport, done by routes; what it fetches arrives as new batches.
 */
class PullRequestTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PullRequestTasklet.class);

    private final Set<String> sources;
    private final SyncSources syncSources;
    private final JobMessageSender messages;

    PullRequestTasklet(Set<String> sources, SyncSources syncSources, JobMessageSender messages) {
        this.sources = sources;
        this.syncSources = syncSources;
        this.messages = messages;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<String> requested = new ArrayList<>();
        for (String sourceId : syncSources.pulled(sources)) {
            messages.sendToQueue(BatchMessaging.PULL_REQUESTED_QUEUE, sourceId);
            requested.add(sourceId);
            contribution.incrementWriteCount(1);
        }
        if (!requested.isEmpty()) {
            log.info("pulls requested for {}", requested);
        }
        chunkContext.getStepContext().getStepExecution().getExecutionContext()
                .putString(NightlySyncParameters.PULLS_REQUESTED, String.join(",", requested));
        return RepeatStatus.FINISHED;
    }
}
