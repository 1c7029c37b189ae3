package org.tracehub.hub.cli;

/**
 * Stable codes the CLI prints for problems that are not a row's or a file's (those use
 * {@code org.tracehub.schemas.validation.ErrorCodes} and the readers' codes, the hub's own: a file the hub would refuse
 * is {@code FILE_EMPTY} or {@code FILE_UNKNOWN} here too).
 */
public final class CliCodes {

    /** A mapping spec the loader refuses. */
    public static final String SPEC_INVALID = "SPEC_INVALID";
    /** A file named on the command line does not exist or is not a file. */
    public static final String FILE_NOT_FOUND = "FILE_NOT_FOUND";
    /** The output file cannot be written. */
    public static final String OUTPUT_FAILED = "OUTPUT_FAILED";
    /** The locale's charset ({@code sun.jnu.encoding}) cannot encode Chinese file names: {@code LANG=C.UTF-8} is needed. */
    public static final String LOCALE_UNSUPPORTED = "LOCALE_UNSUPPORTED";
    /** {@code hub.time-zone} / {@code HUB_TIME_ZONE} names no time zone. */
    public static final String TIME_ZONE_INVALID = "TIME_ZONE_INVALID";
    /** A code of {@code hub.standard.extra-region-codes} cannot be added to the GB/T 2260 table. */
    public static final String EXTRA_REGION_CODES_INVALID = "EXTRA_REGION_CODES_INVALID";

    private CliCodes() {
    }
}
