package org.tracehub.mappings.read;

/**
 * File-level codes the readers raise that {@code org.tracehub.schemas.validation.ErrorCodes} does not
 * (yet) have. Stable like those: receipts and scripts key on them. The readers otherwise use
 * {@code ErrorCodes} (FILE_ENCODING, FILE_MALFORMED, FILE_HEADER_MISSING, FILE_UNREADABLE).
 */
public final class ReaderErrorCodes {

    /** The file is bigger than the reader accepts (XLS size bound, a zip bomb in an XLSX). */
    public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
    /** The workbook has no sheet with the name or number the spec gives. */
    public static final String FILE_SHEET_MISSING = "FILE_SHEET_MISSING";

    private ReaderErrorCodes() {
    }
}
