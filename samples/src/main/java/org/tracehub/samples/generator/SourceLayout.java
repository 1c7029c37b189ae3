package org.tracehub.samples.generator;

import java.nio.charset.Charset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shape of one source's export, as its sample in {@code samples/<category>/<source>/input/} has
 * it: file name, title rows, header, how a row looks, what a bad row looks like, and the totals row.
 * A generated file is read by the source's spec in {@code mappings/sources/} like the sample is.
 */
public interface SourceLayout {

    /** The source id (= the spec's {@code source}). */
    String source();

    /** The format the source sends (its spec's {@code format}). */
    OutputFormat nativeFormat();

    /** The charset of text formats (CSV, XML). */
    Charset charset();

    /** A file name that the spec's {@code match} accepts, with the given extension. */
    String fileName(String extension);

    /** Rows above the header: free text (a CSV line; a merged cell in a workbook). */
    List<String> titleRows();

    /** Column names (tabular) or element paths relative to the record (XML, see {@link XmlShape}). */
    List<String> header();

    /** Spreadsheets: the name of the data sheet. */
    default String sheetName() {
        return "Sheet1";
    }

    /** Spreadsheets: sheets written before the data sheet (a summary, instructions). */
    default List<String> sheetsBefore() {
        return List.of();
    }

    /** XML sources: root, head and record elements. */
    default XmlShape xmlShape() {
        throw new UnsupportedOperationException(source() + " is not an XML source");
    }

    /** A fresh row source for one file: rows depend only on the seed and the row number. */
    Rows rows(long seed);

    /**
     * As {@link #rows(long)}, the records about a fleet of {@code fleet} pieces of equipment that come back (record
     * {@code n} is about piece {@code (n - 1) % fleet}, its identifiers the same in every file), as a
     * maintenance company's records of its lifts do; {@code 0} gives every record a piece of its own, as
     * {@link #rows(long)}. Only equipment sources have a fleet.
     */
    default Rows rows(long seed, long fleet) {
        if (fleet != 0) {
            throw new IllegalArgumentException(source() + " reports goods, not equipment: it has no fleet");
        }
        return rows(seed);
    }

    /** Generates one file's rows in order; may accumulate totals for {@link #totalRow()}. */
    interface Rows {

        /**
         * The row with this 1-based number.
         *
         * @param bad whether to plant one of the source's typical mistakes
         */
        GeneratedRow next(long number, SplittableRandom random, boolean bad);

        /** The totals row written after the data (合计), or an empty list for none. */
        List<CellValue> totalRow();
    }
}
