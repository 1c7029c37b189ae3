package org.tracehub.hub.dryrun;

import java.util.List;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The dry run could not convert the sample at all.
 *
 * @param code     {@code SPEC_INVALID}, {@code FILE_UNKNOWN} (the intake's code for a name no pattern matches) or
 *                 {@code SAMPLE_UNREADABLE}
 * @param problems the spec's problems as {@code file:line: key: message} (SPEC_INVALID only)
 * @param fileCode the file-level error code of an unreadable sample (FILE_ENCODING, FILE_HEADER_MISSING …)
 */
public class DryRunRefused extends RuntimeException {

    public static final String SPEC_INVALID = "SPEC_INVALID";
    public static final String FILE_UNKNOWN = ErrorCodes.FILE_UNKNOWN;
    public static final String SAMPLE_UNREADABLE = "SAMPLE_UNREADABLE";

    private final String code;
    private final List<String> problems;
    private final String fileCode;

    public DryRunRefused(String code, String message, List<String> problems, String fileCode) {
        super(message);
        this.code = code;
        this.problems = List.copyOf(problems);
        this.fileCode = fileCode;
    }

    public String code() {
        return code;
    }

    public List<String> problems() {
        return problems;
    }

    public String fileCode() {
        return fileCode;
    }
}
