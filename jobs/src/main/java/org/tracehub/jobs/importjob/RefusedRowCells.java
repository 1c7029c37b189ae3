package org.tracehub.jobs.importjob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.storage.HubStorage;

/**
 * The raw cells of the rows a load refused ({@code RECORD_KEY_CONFLICT}): the load holds each row's converted event only,
 * so the problem-row report ({@code errors.xlsx}, the console's row page) showed the clerk the refusal without the row
 * as sent. Read back from the batch's archived original by one pass of the source's reader, only when the attempt has
 * rejected rows without cells (one count), collecting only those rows: their numbers a page at a time from the
 * problems' key, in file order as the reader goes, their cells written a JDBC batch at a time, so that memory stays
 * bounded whatever the file's length or the number of refused rows. Runs in the load's last transaction.
 */
@Component
class RefusedRowCells {

    private static final Logger log = LoggerFactory.getLogger(RefusedRowCells.class);

    /** Row numbers read per query. */
    static final int ROWS_AT_A_TIME = 1_000;
    private final int rowsAtATime;
    /** The rows, and the characters of their cells, written per JDBC batch. */
    private static final int WRITE_ROWS = 200;
    private static final long WRITE_CHARACTERS = ConvertingReader.RUN_CHARACTERS;

    private final BatchRepository batches;
    private final BatchErrorRepository errors;
    private final BatchAttempts attempts;
    private final SpecCatalog catalog;
    private final HubStorage storage;
    private final ReaderSettings readerSettings;

    @Autowired
    RefusedRowCells(BatchRepository batches, BatchErrorRepository errors, BatchAttempts attempts, SpecCatalog catalog,
                    HubStorage storage, ReaderSettings readerSettings) {
        this(batches, errors, attempts, catalog, storage, readerSettings, ROWS_AT_A_TIME);
    }

    /** Reading {@code rowsAtATime} row numbers per query (a test's few rows make several pages). */
    RefusedRowCells(BatchRepository batches, BatchErrorRepository errors, BatchAttempts attempts, SpecCatalog catalog,
                    HubStorage storage, ReaderSettings readerSettings, int rowsAtATime) {
        this.rowsAtATime = rowsAtATime;
        this.batches = batches;
        this.errors = errors;
        this.attempts = attempts;
        this.catalog = catalog;
        this.storage = storage;
        this.readerSettings = readerSettings;
    }

    /**
     * Fills in the cells of the attempt's rejected rows that have none. A row the original no longer gives (a missing
     * original, a spec whose reader no longer reads the file) keeps its problems without cells, and one WARN line says
     * why: the load itself stands.
     */
    void fill(String batchId, int attempt) {
        Optional<Batch> found = batches.findById(batchId);
        if (found.isEmpty() || found.get().rowsRejected() <= errors.countRejectedRows(batchId, attempt)) {
            return;
        }
        Batch batch = found.get();
        if (attempts.archivePurgedAt(batchId).isPresent()) {
            // the purge took the problems with the original: the report answers ARCHIVE_PURGED for all of them
            return;
        }
        Optional<FileSpec> fileSpec = catalog.source(batch.sourceId()).flatMap(spec -> spec.fileSpecFor(batch.fileName()));
        Path file = storage.resolve(batch.archivePath());
        if (fileSpec.isEmpty() || !Files.isRegularFile(file)) {
            log.warn("batch {} attempt {}: the rows the load refused keep no raw cells: {}", batchId, attempt,
                    fileSpec.isEmpty() ? "the source's spec no longer reads " + batch.fileName() : "its original " + file + " is missing");
            return;
        }
        RecordReader reader;
        try {
            reader = RecordReaders.open(fileSpec.get(), file, readerSettings.limits());
        } catch (RuntimeException e) {
            log.warn("batch {} attempt {}: the rows the load refused keep no raw cells: the original could not be read again ({})",
                    batchId, attempt, e.toString());
            return;
        }
        Rows rows = new Rows(batchId, attempt);
        try (reader) {
            rows.collect(reader);
        } catch (UnreadableOriginal e) {
            log.warn("batch {} attempt {}: the original could not be read again; the refused rows after row {} keep no raw cells ({})",
                    batchId, attempt, rows.lastRead, e.getCause().toString());
        }
        rows.flush();
        log.info("batch {} attempt {}: {} row(s) the load refused got their raw cells from the original", batchId, attempt, rows.written);
    }

    /** A failure of the reader, told apart from the store's (which fails the load as any other). */
    private static final class UnreadableOriginal extends RuntimeException {
        UnreadableOriginal(RuntimeException cause) {
            super(cause);
        }
    }

    /** The wanted row numbers a page at a time and the cells found, written as they gather. */
    private final class Rows {
        private final String batchId;
        private final int attempt;
        private final List<BatchErrorRepository.RowCells> pending = new ArrayList<>();
        private long pendingCharacters;
        private long written;
        private long lastRead;
        private List<Long> wanted = List.of();
        private int next;
        private boolean exhausted;

        Rows(String batchId, int attempt) {
            this.batchId = batchId;
            this.attempt = attempt;
        }

        /** Reads the file up to the last wanted row, keeping the cells of the wanted ones. */
        void collect(RecordReader reader) {
            wanted = errors.rejectedRowsWithoutCells(batchId, attempt, Long.MIN_VALUE, rowsAtATime);
            exhausted = wanted.isEmpty();
            for (RawRecord record = next(reader); record != null; record = next(reader)) {
                lastRead = record.row();
                Long first = firstFrom(record.row());
                if (first == null) {
                    return;
                }
                if (first == record.row()) {
                    add(record);
                }
            }
        }

        /**
         * The first wanted row not before {@code row}, the next page read once the page is passed; null when none is
         * left. A wanted row the reader passed without giving it (the file read otherwise now) is left without cells.
         */
        private Long firstFrom(long row) {
            while (!exhausted) {
                while (next < wanted.size() && wanted.get(next) < row) {
                    next++;
                }
                if (next < wanted.size()) {
                    return wanted.get(next);
                }
                wanted = errors.rejectedRowsWithoutCells(batchId, attempt, wanted.get(wanted.size() - 1), rowsAtATime);
                next = 0;
                exhausted = wanted.isEmpty();
            }
            return null;
        }

        private RawRecord next(RecordReader reader) {
            try {
                return reader.next();
            } catch (RuntimeException e) {
                throw new UnreadableOriginal(e);
            }
        }

        private void add(RawRecord record) {
            String json = ConvertedRowWriter.json(record.cells());
            pending.add(new BatchErrorRepository.RowCells(record.row(), json));
            pendingCharacters += json.length();
            if (pending.size() >= WRITE_ROWS || pendingCharacters >= WRITE_CHARACTERS) {
                flush();
            }
        }

        void flush() {
            if (!pending.isEmpty()) {
                errors.addRejectedCells(batchId, attempt, pending);
                written += pending.size();
                pending.clear();
                pendingCharacters = 0;
            }
        }
    }
}
