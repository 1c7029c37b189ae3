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
    /**
     * Of those, how many each reason skipped ({@code SkipReasons.encoded}): saved with the count, so a restart resumes
     * the tally where the count resumes and counts no row twice.
     */
    public static final String SKIP_REASONS = "convert.skipReasons";
    /**
     * Rows handed on (consumed less skipped) when this execution of the step opened: more than 0 for a restart that
     * resumed. Spring Batch's read and write counts of the step count runs of rows (its items, {@code PreparedRows}); the
     * rows this execution converted are {@code CONSUMED − SKIPPED − ROWS_AT_OPEN}.
     */
    public static final String ROWS_AT_OPEN = "convert.rowsAtOpen";
    /** The charset the file was read in. */
    public static final String ENCODING = "convert.encoding";
    /** Estimated bytes of the file behind the header and the records consumed. */
    public static final String BYTES_READ = "convert.bytesRead";
    /**
     * The fingerprint of the spec the attempt started converting with ({@code MappingSpec.fingerprint}): a restart with
     * another spec does not resume half-way.
     */
    public static final String SPEC_FINGERPRINT = "convert.specFingerprint";
    /** That spec's {@code rejectThreshold} (plain decimal text), for the stage step, whatever the catalog holds by then. */
    public static final String REJECT_THRESHOLD = "convert.rejectThreshold";
    /** That spec's {@code load} ({@code LoadMode} name), for the stage step likewise. */
    public static final String LOAD_MODE = "convert.loadMode";

    private ConvertStepKeys() {
    }
}
