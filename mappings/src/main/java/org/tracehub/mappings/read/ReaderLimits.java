package org.tracehub.mappings.read;

/**
 * Bounds the readers enforce whatever the spec says, to keep one file from exhausting the heap or
 * the disk. The batch job binds them from {@code hub.jobs.readers.*}; the CLI uses {@link #DEFAULT}.
 *
 * @param maxXlsBytes    the largest .xls file accepted: HSSF reads a whole workbook into memory,
 *                       unlike the streaming XLSX, CSV and XML readers
 * @param maxFileBytes   the largest file of any format accepted; a bigger one fails with
 *                       FILE_TOO_LARGE before a byte of it is read
 */
public record ReaderLimits(long maxXlsBytes, long maxFileBytes) {

    /** 1 GB: far beyond a day's export of any source, yet a bound. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1024L * 1024 * 1024;

    /** 20 MB of .xls (roughly 100 000 rows of ten columns), 1 GB for any file. */
    public static final ReaderLimits DEFAULT = new ReaderLimits(20L * 1024 * 1024, DEFAULT_MAX_FILE_BYTES);

    public ReaderLimits {
        if (maxXlsBytes < 1 || maxFileBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
