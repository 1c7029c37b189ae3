package org.tracehub.hub.cli;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.tracehub.mappings.engine.RowError;
import org.tracehub.schemas.validation.RowNumbering;
import org.tracehub.schemas.validation.Severity;

/**
 * Prints row problems as tab-separated lines a clerk can paste into a spreadsheet: row, column,
 * field, 错误/警告, code, Chinese message, the value as typed. The row is headed 行号, or 记录号 where the rows are an XML
 * export's record ordinals (its records share lines).
 */
final class RowReport {

    static final String HEADER = "行号\t列\t字段\t级别\t代码\t说明\t原值";

    private final PrintStream out;
    private final Supplier<RowNumbering> numbering;
    private boolean started;

    /** @param numbering what the rows count, asked when the first problem is printed (the file is open by then) */
    RowReport(PrintStream out, Supplier<RowNumbering> numbering) {
        this.out = out;
        this.numbering = numbering;
    }

    static String header(RowNumbering numbering) {
        return numbering.label() + HEADER.substring(HEADER.indexOf('\t'));
    }

    void print(RowError e) {
        if (!started) {
            out.println(header(numbering.get()));
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
