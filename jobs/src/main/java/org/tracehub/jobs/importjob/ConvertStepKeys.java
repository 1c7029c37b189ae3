package org.tracehub.jobs.importjob;

/**
 * Keys of what the convert step saves in its ExecutionContext with every chunk: read by the stage
 * step, by a restart, and by the progress view on any node.
 */
public final class ConvertStepKeys {

    /** Records taken from the file so far (data rows, skipped rows included). */
    public static final String CONSUMED = "convert.rowsConsumed";
    /** Of those, rows the spec skips (totals, blank lines). */
    public static final String SKIPPED = "convert.rowsSkipped";
    /** The charset the file was read in. */
    public static final String ENCODING = "convert.encoding";
    /** Estimated bytes of the file behind the header and the records consumed. */
    public static final String BYTES_READ = "convert.bytesRead";

    private ConvertStepKeys() {
    }
}
