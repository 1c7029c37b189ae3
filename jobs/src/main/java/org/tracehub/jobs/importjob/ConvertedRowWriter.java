package org.tracehub.jobs.importjob;

import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.sql.JsonStrings;
import org.tracehub.platform.staging.NewStagedEvent;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.storage.BelowDiskFloorException;
import org.tracehub.platform.storage.DiskFloor;

/**
 * Stages accepted events (their XML written by the reader, {@link PreparedRow}) and records rejected
 * rows with all their problems (and warnings of accepted rows), a chunk at a time with a few statements and JDBC batches. Every write replaces what the
 * same rows wrote before, so a chunk that is retried or re-run after a restart leaves exactly one copy.
 *
 * <p>No chunk is staged while the data disk is below {@code hub.intake.min-disk-free} ({@link DiskFloor}): its XML is
 * appended to the attempt's staging file and its rows to the database, which, written on until the disk is full, closes
 * the embedded H2 and blocks the broker on the same disk. The step fails before the first chunk (or between two), and the
 * batch waits for space (DISK_FULL, {@link ImportFailureListener}); a restart resumes after the last chunk staged.
 */
class ConvertedRowWriter implements ItemWriter<PreparedRows> {

    private final String batchId;
    private final int attempt;
    private final StagedEventRepository staged;
    private final BatchErrorRepository errors;
    private final DiskFloor diskFloor;

    ConvertedRowWriter(String batchId, int attempt, StagedEventRepository staged, BatchErrorRepository errors, DiskFloor diskFloor) {
        this.diskFloor = diskFloor;
        this.batchId = batchId;
        this.attempt = attempt;
        this.staged = staged;
        this.errors = errors;
    }

    @Override
    public void write(Chunk<? extends PreparedRows> chunk) throws BelowDiskFloorException {
        if (chunk.isEmpty()) {
            return;
        }
        diskFloor.check("the staged events of batch " + batchId + " attempt " + attempt, 0);
        long fromRow = Long.MAX_VALUE;
        long toRow = Long.MIN_VALUE;
        List<NewStagedEvent> events = new ArrayList<>();
        List<BatchErrorRepository.RowRecord> records = new ArrayList<>();
        for (PreparedRow prepared : rowsOf(chunk)) {
            ConvertedRow row = prepared.converted();
            if (row instanceof ConvertedRow.Accepted a) {
                events.add(new NewStagedEvent(a.row(), a.event().getEventId(), a.recordKey(), prepared.stagedXml()));
                if (!a.warnings().isEmpty()) {
                    records.add(new BatchErrorRepository.RowRecord(a.row(), problems(a.warnings()), null));
                }
                fromRow = Math.min(fromRow, a.row());
                toRow = Math.max(toRow, a.row());
            } else if (row instanceof ConvertedRow.Rejected r) {
                records.add(new BatchErrorRepository.RowRecord(r.row(), problems(r.errors()), json(r.cells())));
                fromRow = Math.min(fromRow, r.row());
                toRow = Math.max(toRow, r.row());
            }
        }
        if (fromRow > toRow) {
            return;
        }
        // a chunk is a run of consecutive rows of the file: replacing its row range replaces exactly what it wrote before
        staged.replaceRange(batchId, attempt, fromRow, toRow, events);
        errors.replaceRange(batchId, attempt, fromRow, toRow, records);
    }

    /** The chunk's rows in file order: its runs (one, as the step is built) one after the other. */
    private static List<PreparedRow> rowsOf(Chunk<? extends PreparedRows> chunk) {
        if (chunk.size() == 1) {
            return chunk.getItems().get(0).rows();
        }
        List<PreparedRow> rows = new ArrayList<>();
        for (PreparedRows run : chunk) {
            rows.addAll(run.rows());
        }
        return rows;
    }

    private static List<RowProblem> problems(List<RowError> list) {
        List<RowProblem> result = new ArrayList<>(list.size());
        for (RowError e : list) {
            result.add(new RowProblem(e.row(), e.column(), e.field(), e.severity().name(), e.code(), e.message(), e.value()));
        }
        return result;
    }

    /** The raw cells as the store keeps them: a JSON array of strings. */
    static String json(List<String> cells) {
        return JsonStrings.array(cells);
    }
}
