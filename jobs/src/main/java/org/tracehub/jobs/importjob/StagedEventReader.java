package org.tracehub.jobs.importjob;

import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.platform.staging.StagedEventRepository;

/** Reads one attempt's staged events in row order, a page at a time; restartable after the last committed row. */
class StagedEventReader implements ItemStreamReader<StagedEvent> {

    static final String LAST_ROW = "load.lastRow";

    private final StagedEventRepository staged;
    private final String batchId;
    private final int attempt;
    private final int pageSize;
    private final Deque<StagedEvent> page = new ArrayDeque<>();
    private long lastRead;
    private long lastFetched;

    StagedEventReader(StagedEventRepository staged, String batchId, int attempt, int pageSize) {
        this.staged = staged;
        this.batchId = batchId;
        this.attempt = attempt;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        lastRead = executionContext.getLong(LAST_ROW, 0L);
        lastFetched = lastRead;
        page.clear();
    }

    @Override
    public StagedEvent read() {
        if (page.isEmpty()) {
            page.addAll(staged.page(batchId, attempt, lastFetched, pageSize));
            if (page.isEmpty()) {
                return null;
            }
            lastFetched = page.peekLast().row();
        }
        StagedEvent next = page.poll();
        lastRead = next.row();
        return next;
    }

    @Override
    public void update(ExecutionContext executionContext) {
        executionContext.putLong(LAST_ROW, lastRead);
    }
}
