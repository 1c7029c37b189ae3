package org.tracehub.jobs.importjob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.messaging.JobMessageSender;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Announces a batch's outcome on the completed topic: receipt delivery and downstream systems
 * listen there. The body is a JSON summary; batch id and status also travel as JMS properties.
 */
@Component
public class BatchReporter {

    private static final Logger log = LoggerFactory.getLogger(BatchReporter.class);

    private final BatchRepository batches;
    private final JobMessageSender messages;

    public BatchReporter(BatchRepository batches, JobMessageSender messages) {
        this.batches = batches;
        this.messages = messages;
    }

    public void report(String batchId) {
        Batch b = batches.findById(batchId).orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        String json = "{\"batchId\":\"" + b.id() + "\",\"sourceId\":\"" + b.sourceId() + "\",\"status\":\"" + b.status()
                + "\",\"attempt\":" + b.attempt() + ",\"read\":" + b.rowsRead() + ",\"accepted\":" + b.rowsAccepted()
                + ",\"rejected\":" + b.rowsRejected() + ",\"skipped\":" + b.rowsSkipped() + ",\"warned\":" + b.rowsWarned()
                + (b.failureCode() == null ? "" : ",\"failureCode\":\"" + b.failureCode() + "\"") + "}";
        // within hub.jobs.send-timeout, or MessageNotSentException: a broker that takes nothing must not hold the import
        messages.publish(BatchMessaging.BATCH_COMPLETED_TOPIC, session -> {
            var message = session.createTextMessage(json);
            message.setStringProperty(BatchMessaging.BATCH_ID_PROPERTY, b.id());
            message.setStringProperty(BatchMessaging.STATUS_PROPERTY, b.status().name());
            return message;
        });
        log.info("batch {} {}: read={} accepted={} rejected={} skipped={}", b.id(), b.status(), b.rowsRead(),
                b.rowsAccepted(), b.rowsRejected(), b.rowsSkipped());
    }
}
