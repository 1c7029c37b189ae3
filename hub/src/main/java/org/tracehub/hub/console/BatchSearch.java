package org.tracehub.hub.console;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchListFilter;
import org.tracehub.platform.batch.BatchRepository;

/**
 * The batch list with source, status and date filters, newest first: the days and times of a {@link BatchFilter} as times in the
 * hub's zone, and the store's list ({@link BatchRepository#find(BatchListFilter, int, int)}, which reads it off an index).
 */
@Repository
public class BatchSearch {

    private final BatchRepository batches;
    private final Clock clock;

    public BatchSearch(BatchRepository batches, Clock clock) {
        this.batches = batches;
        this.clock = clock;
    }

    public List<Batch> find(BatchFilter filter, int offset, int limit) {
        return batches.find(inStore(filter), offset, limit);
    }

    public long count(BatchFilter filter) {
        return batches.count(inStore(filter));
    }

    /** How many batches the list holds, counted no further than {@code atMost} ({@link BatchRepository#countUpTo}). */
    public long countUpTo(BatchFilter filter, long atMost) {
        return batches.countUpTo(inStore(filter), atMost);
    }

    /** The batches the filter selects, as the store selects them: its days and times as times in the hub's zone. */
    public BatchListFilter selection(BatchFilter filter) {
        return inStore(filter);
    }

    /** A day {@code to} is included: the list ends before the next day's start (none after the last day {@link BatchDays} allows). */
    private BatchListFilter inStore(BatchFilter f) {
        return new BatchListFilter(f.source(), f.status(), inZone(f.from() == null ? null : f.from().start()),
                inZone(f.to() == null ? null : f.to().end()), f.waitingForDisk());
    }

    private OffsetDateTime inZone(LocalDateTime time) {
        return time == null ? null : time.atZone(clock.getZone()).toOffsetDateTime();
    }
}
