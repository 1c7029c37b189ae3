package org.tracehub.jobs.importjob;

import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.tracehub.jobs.progress.LiveProgress;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.MappingEngine;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.read.ReaderLimits;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.RecordReaders;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.schemas.event.EventRules;

/**
 * Reads the archived file and converts each row with the mapping engine, yielding accepted and
 * rejected rows; rows the spec skips are counted, not passed on. The position, the skip count and
 * the bytes read so far are saved with each chunk, so a restart resumes exactly after the last
 * committed row and the progress of a running conversion can be estimated from any node.
 */
class ConvertingReader implements ItemStreamReader<ConvertedRow> {

    static final String CONSUMED = ConvertStepKeys.CONSUMED;
    static final String SKIPPED = ConvertStepKeys.SKIPPED;
    static final String ENCODING = ConvertStepKeys.ENCODING;
    static final String BYTES_READ = ConvertStepKeys.BYTES_READ;

    private final MappingSpec spec;
    private final FileSpec fileSpec;
    private final Path file;
    private final ConversionContext context;
    private final EventRules rules;
    private final LiveProgress progress;
    private final ReaderLimits limits;

    private RecordReader reader;
    private MappingEngine engine;
    private ByteEstimate bytes;
    private long consumed;
    private long skipped;
    private long bytesRead;

    ConvertingReader(MappingSpec spec, FileSpec fileSpec, Path file, ConversionContext context, EventRules rules,
                     LiveProgress progress, ReaderLimits limits) {
        this.spec = spec;
        this.fileSpec = fileSpec;
        this.file = file;
        this.context = context;
        this.rules = rules;
        this.progress = progress;
        this.limits = limits;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        if (reader != null) {
            return;
        }
        reader = RecordReaders.open(fileSpec, file, limits);
        engine = new MappingEngine(spec, fileSpec, rules);
        engine.checkHeader(reader.header());
        bytes = ByteEstimate.forCharset(reader.encoding());
        long resumeAt = executionContext.getLong(CONSUMED, 0L);
        skipped = executionContext.getLong(SKIPPED, 0L);
        bytesRead = executionContext.getLong(BYTES_READ, bytes.ofRow(reader.header()));
        while (consumed < resumeAt && reader.next() != null) {
            consumed++;
        }
    }

    @Override
    public ConvertedRow read() {
        for (RawRecord record = reader.next(); record != null; record = reader.next()) {
            consumed++;
            bytesRead += bytes.ofRow(record.cells());
            ConvertedRow row = engine.convert(record, context);
            if (row instanceof ConvertedRow.Skipped) {
                skipped++;
            } else {
                progress.converting(context.batchId(), context.attempt(), consumed - skipped, bytesRead);
                return row;
            }
        }
        return null;
    }

    @Override
    public void update(ExecutionContext executionContext) {
        executionContext.putLong(CONSUMED, consumed);
        executionContext.putLong(SKIPPED, skipped);
        executionContext.putLong(BYTES_READ, bytesRead);
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
        progress.ended(context.batchId(), context.attempt());
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
