package org.tracehub.samples.generator;

import java.io.IOException;
import java.util.List;

/** Where generated rows go: one implementation per output format, each streaming. */
interface RowSink extends AutoCloseable {

    void row(List<CellValue> cells) throws IOException;

    /** Writes the totals row (if any) and completes the file. */
    void finish(List<CellValue> totalRow) throws IOException;

    @Override
    void close() throws IOException;
}
