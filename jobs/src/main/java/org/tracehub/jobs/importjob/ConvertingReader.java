package org.tracehub.jobs.importjob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.tracehub.jobs.progress.LiveProgress;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.MappingEngine;
import org.tracehub.mappings.engine.PositionedColumnsCheck;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.read.ReaderLimits;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.mappings.read.XmlRecordReader;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.FileWarnings;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.schemas.event.EventRules;

/**
 * Reads the archived file and converts each row with the mapping engine, yielding runs of accepted and
 * rejected rows ({@link PreparedRows}, a chunk each), an accepted row with its staged XML; rows the spec skips are
 * counted by their reason, not passed on. A run ends at {@code rowsPerRun} rows or once its rows hold {@link #RUN_CHARACTERS}, so that
 * what a chunk holds does not grow with the width of the file's rows. Reading, converting and writing the XML run
 * ahead on a thread of their own ({@link ReadAhead}, up to {@link #RUNS_AHEAD} runs), so that they use one core while
 * the import thread writes the rows before them to the database on the other. The position, the skip count and the
 * bytes read as of the last row handed out are saved with each chunk, so a restart resumes exactly after the last
 * committed row and the progress of a running conversion can be estimated from any node. The file's header, as read, is recorded with the
 * batch's attempt when the file is opened ({@link BatchRepository#recordFileHeader}), for the error report, and so are
 * the warnings of the file as a whole ({@link BatchRepository#recordFileWarnings}), which no row carries.
 * The spec's fingerprint, reject threshold and load mode are saved with them: the stage step decides with the spec the
 * rows were converted with, and a restart whose spec is another one does not resume half-way with it.
 */
class ConvertingReader implements ItemStreamReader<PreparedRows> {

    /**
     * The characters a run gathers before it ends early: two of the widest rows a reader hands on (an XLSX row or an XML
     * record, {@link XmlRecordReader#MAX_RECORD_CHARACTERS}), far above a chunk of ordinary rows (500 rows of 200
     * characters are 100,000). A run ends after the row that passes it, so one row wider than that still goes through.
     */
    static final long RUN_CHARACTERS = 2L * XmlRecordReader.MAX_RECORD_CHARACTERS;
    /** The runs the read-ahead thread may have ready, besides the one it fills and the one being written. */
    static final int RUNS_AHEAD = 2;

    static final String CONSUMED = ConvertStepKeys.CONSUMED;
    static final String SKIPPED = ConvertStepKeys.SKIPPED;
    static final String ENCODING = ConvertStepKeys.ENCODING;
    static final String BYTES_READ = ConvertStepKeys.BYTES_READ;

    /** Where the file stands after a row: what {@link #update} saves once the row's chunk commits. */
    private record Position(long consumed, long skipped, SkipReasons skipReasons, long bytesRead) {
    }

    /** A run produced ahead with the position after it; {@code rows} null at the end of the file. */
    private record Ahead(PreparedRows rows, Position position) {
    }

    private final MappingSpec spec;
    /** Computed once: it walks the whole spec, lookup tables included. */
    private final String specFingerprint;
    private final FileSpec fileSpec;
    private final Path file;
    private final ConversionContext context;
    private final EventRules rules;
    private final LiveProgress progress;
    private final ReaderLimits limits;
    private final int rowsPerRun;
    private final BatchRepository batches;

    private RecordReader reader;
    private ReadAhead<Ahead> ahead;
    private Position handedOut;
    private boolean ended;
    /** Rows handed on before this execution opened (a restart's resumed part): the step's counts are this execution's. */
    private long rowsAtOpen;

    ConvertingReader(MappingSpec spec, FileSpec fileSpec, Path file, ConversionContext context, EventRules rules,
                     LiveProgress progress, ReaderLimits limits, int rowsPerRun, BatchRepository batches) {
        this.spec = spec;
        this.specFingerprint = spec.fingerprint();
        this.fileSpec = fileSpec;
        this.file = file;
        this.context = context;
        this.rules = rules;
        this.progress = progress;
        this.limits = limits;
        this.rowsPerRun = Math.max(1, rowsPerRun);
        this.batches = batches;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        if (reader != null) {
            return;
        }
        long resumeAt = executionContext.getLong(CONSUMED, 0L);
        String startedWith = executionContext.getString(ConvertStepKeys.SPEC_FINGERPRINT, null);
        if (resumeAt > 0 && startedWith != null && !startedWith.equals(specFingerprint)
                && !startedWith.equals(spec.fingerprintWithFieldLines())) {
            // rows 1…resumeAt are staged with the spec the attempt started with: the rest with another would mix two versions
            // in one attempt (other keys, fields, even other rows when the header or skip rules moved); a reprocess starts over
            throw SpecUnavailableException.changed(spec.source(), resumeAt);
        }
        reader = RecordReaders.open(fileSpec, file, limits);
        // the titles the error report puts over the rejected rows' cells, as this attempt read them (a later spec may not),
        // and whether its row numbers are lines or an XML export's record ordinals, which the receipt labels apart
        batches.recordFileHeader(context.batchId(), context.attempt(), reader.header(), reader.rowNumbering());
        // kept with the batch (V33), not only in this step's context, which the job-metadata purge deletes
        batches.recordSpecFingerprint(context.batchId(), context.attempt(), specFingerprint);
        MappingEngine engine = new MappingEngine(spec, fileSpec, rules);
        engine.checkHeader(reader);
        // with the batch, not on a row: no row is at fault, and a restart records the same again
        List<RowError> warnings = new ArrayList<>(engine.fileWarnings());
        warnings.addAll(positionedColumnsMoved(reader.header()));
        batches.recordFileWarnings(context.batchId(), context.attempt(), fileWarnings(warnings));
        ByteEstimate bytes = ByteEstimate.forCharset(reader.encoding());
        long consumed = 0;
        while (consumed < resumeAt && reader.next() != null) {
            consumed++;
        }
        handedOut = new Position(consumed, executionContext.getLong(SKIPPED, 0L),
                SkipReasons.decode(executionContext.getString(ConvertStepKeys.SKIP_REASONS, null)),
                executionContext.getLong(BYTES_READ, bytes.ofRow(reader.header())));
        rowsAtOpen = handedOut.consumed() - handedOut.skipped();
        // from here on the record reader, the engine and the XML writer belong to the read-ahead thread
        ahead = new ReadAhead<>("convert-read-" + context.batchId(), RUNS_AHEAD,
                new Producer(reader, engine, context, bytes, new StagedEventXml(), handedOut, rowsPerRun)::nextRun,
                a -> a.rows() == null);
    }

    /**
     * The columns the spec reads by position whose title differs from the source's previous loaded file's
     * ({@link PositionedColumnsCheck}); not compared with a file loaded by another version of the spec, whose positions
     * the admin may have changed for the new layout, and not asked at all for a spec that reads nothing by position.
     */
    private List<RowError> positionedColumnsMoved(List<String> header) {
        if (fileSpec.fields().stream().noneMatch(m -> m.index() > 0)) {
            return List.of();
        }
        List<String> titles = header.stream().map(t -> t == null ? null : BatchRepository.recordedTitle(t)).toList();
        return batches.previousLoadedHeader(context.batchId())
                .filter(p -> specFingerprint.equals(p.specFingerprint()) || spec.fingerprintWithFieldLines().equals(p.specFingerprint()))
                .map(p -> PositionedColumnsCheck.compare(fileSpec, p.titles(), titles, p.fileName() + "，批次 " + p.batchId()))
                .orElse(List.of());
    }

    private static FileWarnings fileWarnings(List<RowError> found) {
        return new FileWarnings(found.stream()
                .map(w -> new FileWarnings.Entry(w.code(), w.column(), w.field(), w.message())).toList());
    }

    @Override
    public PreparedRows read() {
        if (ended) {
            return null;
        }
        Ahead next = ahead.next();
        handedOut = next.position();
        if (next.rows() == null) {
            ended = true;
            return null;
        }
        progress.converting(context.batchId(), context.attempt(), handedOut.consumed() - handedOut.skipped(), handedOut.bytesRead());
        return next.rows();
    }

    @Override
    public void update(ExecutionContext executionContext) {
        if (handedOut != null) {
            executionContext.putLong(CONSUMED, handedOut.consumed());
            executionContext.putLong(SKIPPED, handedOut.skipped());
            executionContext.putString(ConvertStepKeys.SKIP_REASONS, handedOut.skipReasons().encoded());
            executionContext.putLong(BYTES_READ, handedOut.bytesRead());
            executionContext.putLong(ConvertStepKeys.ROWS_AT_OPEN, rowsAtOpen);
        }
        if (reader != null) {
            executionContext.putString(ENCODING, reader.encoding() == null ? "" : reader.encoding());
            executionContext.putString(ConvertStepKeys.SPEC_FINGERPRINT, specFingerprint);
            executionContext.putString(ConvertStepKeys.REJECT_THRESHOLD, spec.rejectThreshold().toPlainString());
            executionContext.putString(ConvertStepKeys.LOAD_MODE, spec.load().name());
        }
    }

    @Override
    public void close() {
        try {
            if (ahead != null) {
                ahead.close(); // before the record reader: the read-ahead thread may be reading from it
                ahead = null;
            }
        } finally {
            if (reader != null) {
                reader.close();
                reader = null;
            }
            progress.ended(context.batchId(), context.attempt());
        }
    }

    /** The read-ahead thread's work: the next run of rows that are not skipped, converted, with their XML and the position after them. */
    private static final class Producer {

        private final RecordReader reader;
        private final MappingEngine engine;
        private final ConversionContext context;
        private final ByteEstimate bytes;
        private final StagedEventXml xml;
        private long consumed;
        private long skipped;
        private SkipReasons skipReasons;
        private long bytesRead;
        private final int rowsPerRun;
        private boolean atEnd;

        Producer(RecordReader reader, MappingEngine engine, ConversionContext context, ByteEstimate bytes, StagedEventXml xml,
                 Position from, int rowsPerRun) {
            this.reader = reader;
            this.engine = engine;
            this.context = context;
            this.bytes = bytes;
            this.xml = xml;
            this.consumed = from.consumed();
            this.skipped = from.skipped();
            this.skipReasons = from.skipReasons();
            this.bytesRead = from.bytesRead();
            this.rowsPerRun = rowsPerRun;
        }

        /** The next run (its position after its last row, or after the rows skipped at the file's end), or none at the end. */
        Ahead nextRun() {
            List<PreparedRow> run = new ArrayList<>(Math.min(rowsPerRun, 1024));
            long characters = 0;
            while (run.size() < rowsPerRun && characters < RUN_CHARACTERS) {
                PreparedRow row = nextRow();
                if (row == null) {
                    break;
                }
                run.add(row);
                characters += row.characters();
            }
            return new Ahead(run.isEmpty() ? null : new PreparedRows(run), new Position(consumed, skipped, skipReasons, bytesRead));
        }

        /** The next row that is not skipped, or null at the end of the file. */
        private PreparedRow nextRow() {
            if (atEnd) {
                return null;
            }
            for (RawRecord record = reader.next(); record != null; record = reader.next()) {
                consumed++;
                bytesRead += bytes.ofRow(record.cells());
                ConvertedRow row = engine.convert(record, context);
                if (row instanceof ConvertedRow.Skipped s) {
                    skipped++;
                    // the receipt says why: a skip rule too broad for the file would otherwise read as the sender's empty file
                    skipReasons = skipReasons.plus(s.reason());
                } else {
                    byte[] staged = row instanceof ConvertedRow.Accepted a ? xml.write(a.event()) : null;
                    return new PreparedRow(row, staged);
                }
            }
            atEnd = true;
            return null;
        }
    }

    /** The bytes a row of cells takes up in the file, estimated from the characters and the charset, without encoding them. */
    record ByteEstimate(int bytesPerWideChar) {

        static ByteEstimate forCharset(String charset) {
            // CJK text: three bytes a character in UTF-8, two in the GB family; binary formats are only estimated
            return new ByteEstimate(charset != null && charset.toUpperCase().startsWith("UTF") ? 3 : 2);
        }

        long ofRow(List<String> cells) {
            long n = 2;   // line break
            for (String cell : cells) {
                n += 1;   // delimiter
                if (cell != null) {
                    for (int i = 0; i < cell.length(); i++) {
                        n += cell.charAt(i) < 0x80 ? 1 : bytesPerWideChar;
                    }
                }
            }
            return n;
        }
    }
}
