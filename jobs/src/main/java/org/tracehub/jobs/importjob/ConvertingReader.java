package org.tracehub.jobs.importjob;

import java.nio.file.Path;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.MappingEngine;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.schemas.event.EventRules;

/**
 * Reads the archived file and converts each row with the mapping engine, yielding accepted and
 * rejected rows; rows the spec skips are counted, not passed on. The position and the skip count
 * are saved with each chunk, so a restart resumes exactly after the last committed row.
 */
class ConvertingReader implements ItemStreamReader<ConvertedRow> {

    static final String CONSUMED = "convert.rowsConsumed";
    static final String SKIPPED = "convert.rowsSkipped";
    static final String ENCODING = "convert.encoding";

    private final MappingSpec spec;
    private final FileSpec fileSpec;
    private final Path file;
    private final ConversionContext context;
    private final EventRules rules;

    private RecordReader reader;
    private MappingEngine engine;
    private long consumed;
    private long skipped;

    ConvertingReader(MappingSpec spec, FileSpec fileSpec, Path file, ConversionContext context, EventRules rules) {
        this.spec = spec;
        this.fileSpec = fileSpec;
        this.file = file;
        this.context = context;
        this.rules = rules;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        if (reader != null) {
            return;
        }
        reader = RecordReaders.open(fileSpec, file);
        engine = new MappingEngine(spec, fileSpec, rules);
        engine.checkHeader(reader.header());
        long resumeAt = executionContext.getLong(CONSUMED, 0L);
        skipped = executionContext.getLong(SKIPPED, 0L);
        while (consumed < resumeAt && reader.next() != null) {
            consumed++;
        }
    }

    @Override
    public ConvertedRow read() {
        for (RawRecord record = reader.next(); record != null; record = reader.next()) {
            consumed++;
            ConvertedRow row = engine.convert(record, context);
            if (row instanceof ConvertedRow.Skipped) {
                skipped++;
            } else {
                return row;
            }
        }
        return null;
    }

    @Override
    public void update(ExecutionContext executionContext) {
        executionContext.putLong(CONSUMED, consumed);
        executionContext.putLong(SKIPPED, skipped);
        if (reader != null) {
            executionContext.putString(ENCODING, reader.encoding() == null ? "" : reader.encoding());
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
