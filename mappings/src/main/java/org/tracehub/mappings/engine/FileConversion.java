package org.tracehub.mappings.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.tracehub.mappings.read.ReaderLimits;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.validation.RowNumbering;

/**
 * Converts a whole file row by row, streaming, handing each outcome to a consumer. Used by the CLI
 * and the golden-file tests; the batch job drives the same reader and engine chunk by chunk.
 */
public final class FileConversion {

    private final MappingSpec spec;
    private final FileSpec fileSpec;
    private final EventRules rules;
    private final ReaderLimits limits;
    private RowNumbering rowNumbering = RowNumbering.LINES;
    private List<RowError> fileWarnings = List.of();

    public FileConversion(MappingSpec spec, FileSpec fileSpec, EventRules rules) {
        this(spec, fileSpec, rules, ReaderLimits.DEFAULT);
    }

    public FileConversion(MappingSpec spec, FileSpec fileSpec, EventRules rules, ReaderLimits limits) {
        this.spec = spec;
        this.fileSpec = fileSpec;
        this.rules = rules;
        this.limits = limits;
    }

    /** Returns the counts; a file-level problem is thrown as FileLevelException. */
    public Counts run(Path file, ConversionContext context, Consumer<ConvertedRow> out) {
        MappingEngine engine = new MappingEngine(spec, fileSpec, rules);
        long accepted = 0;
        long rejected = 0;
        long skipped = 0;
        try (RecordReader reader = RecordReaders.open(fileSpec, file, limits)) {
            rowNumbering = reader.rowNumbering();
            engine.checkHeader(reader);
            fileWarnings = engine.fileWarnings();
            for (var record = reader.next(); record != null; record = reader.next()) {
                ConvertedRow row = engine.convert(record, context);
                if (row instanceof ConvertedRow.Accepted) {
                    accepted++;
                } else if (row instanceof ConvertedRow.Rejected) {
                    rejected++;
                } else {
                    skipped++;
                }
                out.accept(row);
            }
        }
        return new Counts(accepted + rejected, accepted, rejected, skipped);
    }

    /**
     * What the row numbers of the file being (or last) run count, known from the first row handed out: lines, or an XML
     * export's record ordinals. Not thread-safe, as a run is not.
     */
    public RowNumbering rowNumbering() {
        return rowNumbering;
    }

    /**
     * The warnings of the file being (or last) run as a whole ({@link MappingEngine#fileWarnings()}), known once its header
     * is checked: no row's problems. Not thread-safe, as a run is not.
     */
    public List<RowError> fileWarnings() {
        return fileWarnings;
    }

    /** Rows read are data rows (accepted + rejected); skipped rows are counted apart. */
    public record Counts(long read, long accepted, long rejected, long skipped) {
    }
}
