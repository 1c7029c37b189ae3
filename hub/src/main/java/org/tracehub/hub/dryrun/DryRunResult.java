package org.tracehub.hub.dryrun;

import java.util.List;
import org.tracehub.schemas.validation.RowNumbering;

/**
 * What a sample would become under a spec.
 *
 * @param events          the first accepted rows' events as standard XML fragments, at most the limit asked for
 * @param problems        every problem of every row (rejections and warnings), at most {@link SpecDryRun#MAX_PROBLEMS}
 * @param problemsTruncated whether more problems were found than are listed
 * @param rowNumbering    what the rows' numbers count: the sample's lines, or its records when they share lines (an XML
 *                        export written on one line), as the receipt of such a file says (记录号)
 * @param refusal         why the hub would refuse the sample whole (no data row, the reject threshold exceeded), as
 *                        {@code convert} and the import job judge it; null when it would take it
 * @param fileWarnings    the warnings of the sample as a whole (an XML path in no record), each with row 0: of no row, as
 *                        the receipt lists them apart (文件警告)
 */
public record DryRunResult(String source, String fileMatch, String encoding, Counts counts, List<Event> events,
                           List<Problem> problems, boolean problemsTruncated, RowNumbering rowNumbering, Refusal refusal,
                           List<Problem> fileWarnings) {

    public record Counts(long read, long accepted, long rejected, long skipped) {
    }

    public record Event(long row, String eventId, String traceCode, String xml) {
    }

    /** @param code {@code FILE_EMPTY} or {@code REJECT_THRESHOLD}; @param message in Chinese, for the admin */
    public record Refusal(String code, String message) {
    }

    public record Problem(long row, String column, String field, String severity, String code, String message, String value) {
    }
}
