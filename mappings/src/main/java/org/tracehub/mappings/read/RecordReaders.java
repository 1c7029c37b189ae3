package org.tracehub.mappings.read;

import java.nio.file.Path;
import org.tracehub.mappings.spec.FileSpec;

/** Opens the streaming reader a file spec calls for. */
public final class RecordReaders {

    private RecordReaders() {
    }

    /** Opens with {@link ReaderLimits#DEFAULT}. */
    public static RecordReader open(FileSpec spec, Path file) {
        return open(spec, file, ReaderLimits.DEFAULT);
    }

    public static RecordReader open(FileSpec spec, Path file, ReaderLimits limits) {
        return switch (spec.format()) {
            case CSV -> new CsvRecordReader(file, spec.encoding(), spec.headerRow(), spec.delimiter(), spec.quote(),
                    spec.maxRecordLength());
            case XLSX -> new XlsxRecordReader(file, spec.sheet(), spec.headerRow(), limits);
            case XLS -> new XlsRecordReader(file, spec.sheet(), spec.headerRow(), limits);
            case XML -> new XmlRecordReader(file, spec);
        };
    }
}
