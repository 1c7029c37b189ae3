package org.tracehub.mappings.read;

/**
 * Bounds the readers enforce whatever the spec says, to keep one file from exhausting the heap.
 *
 * @param maxXlsBytes    the largest .xls file accepted: HSSF reads a whole workbook into memory,
 *                       unlike the streaming XLSX, CSV and XML readers
 * @param xlsxRowCache   rows the streaming XLSX reader holds at a time
 */
public record ReaderLimits(long maxXlsBytes, int xlsxRowCache) {

    /** 20 MB of .xls (roughly 100 000 rows of ten columns) and 100 cached XLSX rows. */
    public static final ReaderLimits DEFAULT = new ReaderLimits(20L * 1024 * 1024, 100);

    public ReaderLimits {
        if (maxXlsBytes < 1 || xlsxRowCache < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
