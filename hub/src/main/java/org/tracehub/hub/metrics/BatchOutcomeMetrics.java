package org.tracehub.hub.metrics;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.actions.BatchJobHistory;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;

/**
 * Counts what the import job reports on the completed topic: rows accepted and rejected per source,
 * the attempt's duration, failures. The batch row is read for the numbers, so the topic's body
 * format does not matter. A nightly source's attempt is reported twice (STAGED, then LOADED); its
 * rows and duration are counted once, at the first report.
 *
 * <p>Every node subscribes, so every node counts every batch of the cluster: sum one node's series,
 * not all nodes'.
 */
@Component
public class BatchOutcomeMetrics {

    private static final Logger log = LoggerFactory.getLogger(BatchOutcomeMetrics.class);
    private static final int REMEMBERED = 10_000;

    private final BatchRepository batches;
    private final BatchJobHistory history;
    private final HubMetrics metrics;
    /** (batch, attempt, counted as) seen lately; the topic may repeat an attempt's outcome. */
    private final Set<String> counted = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public BatchOutcomeMetrics(BatchRepository batches, BatchJobHistory history, HubMetrics metrics) {
        this.batches = batches;
        this.history = history;
        this.metrics = metrics;
    }

    @JmsListener(destination = BatchMessaging.BATCH_COMPLETED_TOPIC, containerFactory = TopicListenerConfiguration.TOPIC_LISTENER_FACTORY)
    public void onBatchCompleted(Message message) throws JMSException {
        String batchId = message.getStringProperty(BatchMessaging.BATCH_ID_PROPERTY);
        Batch batch = batchId == null ? null : batches.findById(batchId).orElse(null);
        if (batch == null || batch.attempt() == 0) {
            return;
        }
        count(batch);
    }

    synchronized void count(Batch batch) {
        String attemptKey = batch.id() + "#" + batch.attempt();
        if (batch.status() == BatchStatus.FAILED) {
            if (counted.add(attemptKey + "#failed")) {
                metrics.jobFailed(batch.sourceId(), batch.failureCode());
                metrics.batchCompleted(batch.sourceId(), batch.status().name(), duration(batch));
            }
            return;
        }
        if ((batch.status() == BatchStatus.STAGED || batch.status() == BatchStatus.LOADED) && counted.add(attemptKey)) {
            metrics.rowsConverted(batch.sourceId(), batch.rowsAccepted(), batch.rowsRejected());
            metrics.batchCompleted(batch.sourceId(), batch.status().name(), duration(batch));
        }
    }

    private Duration duration(Batch batch) {
        try {
            return history.of(batch.id(), batch.attempt()).stream()
                    .filter(e -> e.attempt() == batch.attempt() && e.startTime() != null)
                    .map(BatchJobHistory.Execution::startTime)
                    .min(java.time.OffsetDateTime::compareTo)
                    .map(start -> Duration.between(start.toInstant(), java.time.Instant.now()))
                    .filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO);
        } catch (RuntimeException e) {
            log.warn("no start time for batch {} attempt {}", batch.id(), batch.attempt(), e);
            return Duration.ZERO;
        }
    }
}
