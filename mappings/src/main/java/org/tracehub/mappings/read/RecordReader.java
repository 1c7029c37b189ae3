package org.tracehub.mappings.read;

import java.util.List;

/**
 * Streams the data rows of one legacy file in order, holding only the current row in memory.
 * Not thread-safe.
 */
public interface RecordReader extends AutoCloseable {

    /** The column names of the header row, normalised. */
    List<String> header();

    /** The next data row, or null at the end of the file. */
    RawRecord next();

    /** The charset the file was read in (detected when the spec says auto), or null for binary formats. */
    String encoding();

    @Override
    void close();
}
