package org.tracehub.jobs.importjob;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.schemas.xml.StandardXml;

/** Loads staged events into the central store by their deterministic ids (insert or update). */
class TraceEventWriter implements ItemWriter<StagedEvent> {

    private final TraceEventStore store;
    private final String batchId;
    private final int attempt;

    TraceEventWriter(TraceEventStore store, String batchId, int attempt) {
        this.store = store;
        this.batchId = batchId;
        this.attempt = attempt;
    }

    @Override
    public void write(Chunk<? extends StagedEvent> chunk) {
        for (StagedEvent e : chunk) {
            store.upsert(StandardXml.fromXml(e.payload()), batchId, attempt);
        }
    }
}
