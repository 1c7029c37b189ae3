package org.tracehub.mappings.read;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracehub.schemas.validation.RowNumbering;

/**
 * Streams the data rows of one legacy file in order, holding only the current row in memory.
 * Not thread-safe.
 */
public interface RecordReader extends AutoCloseable {

    /** The column names of the header row, normalised. */
    List<String> header();

    /**
     * The header names that head more than one column, each with its 1-based positions: a row is read from the first of
     * them. Empty when no name repeats (and always for XML, whose fields are paths).
     */
    default Map<String, List<Integer>> repeatedColumns() {
        return Map.of();
    }

    /**
     * The header names that hold a value in no row of the file, known once the reader is open: the paths of an XML export
     * that occur in no record ({@link XmlRecordReader}), where a record without an element is otherwise an empty cell.
     * Empty for a file with a header row, whose columns the header check finds or misses by name.
     */
    default Set<String> absentColumns() {
        return Set.of();
    }

    /**
     * What the rows' numbers count, known once the reader is open: lines (or worksheet rows), unless an XML export's
     * records share lines and are numbered by their ordinals ({@link XmlRecordReader}). The receipt labels them so.
     */
    default RowNumbering rowNumbering() {
        return RowNumbering.LINES;
    }

    /** The next data row, or null at the end of the file. */
    RawRecord next();

    /** The charset the file was read in (detected when the spec says auto), or null for binary formats. */
    String encoding();

    @Override
    void close();
}
