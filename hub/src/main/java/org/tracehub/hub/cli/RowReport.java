package org.tracehub.hub.cli;

import java.io.PrintStream;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.schemas.validation.Severity;

/**
 * Prints row problems as tab-separated lines a clerk can paste into a spreadsheet: row, column,
 * field, 错误/警告, code, Chinese message, the value as typed.
 */
final class RowReport {

    static final String HEADER = "行号\t列\t字段\t级别\t代码\t说明\t原值";

    private final PrintStream out;
    private boolean started;

    RowReport(PrintStream out) {
        this.out = out;
    }

    void print(RowError e) {
        if (!started) {
            out.println(HEADER);
            started = true;
        }
        out.println(e.row() + "\t" + text(e.column()) + "\t" + text(e.field()) + "\t" + severity(e.severity()) + "\t" + e.code()
                + "\t" + text(e.message()) + "\t" + text(e.value()));
    }

    static String severity(Severity severity) {
        return severity == Severity.ERROR ? "错误" : "警告";
    }

    /** One line per problem: line breaks and tabs inside a value would break the columns. */
    static String text(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace("\r", "").replace('\n', ' ');
    }
}
