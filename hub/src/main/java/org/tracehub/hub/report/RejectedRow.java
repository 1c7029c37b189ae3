package org.tracehub.hub.report;

import java.util.List;

/** A rejected row as the report shows it: its number in the sender's spreadsheet, its cells, its problems. */
public record RejectedRow(long row, List<String> cells, List<Problem> problems) {

    public record Problem(String column, String field, String severity, String code, String message) {
    }
}
