package org.tracehub.hub.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.Severity;
import org.tracehub.schemas.xml.SchemaViolation;
import org.tracehub.schemas.xml.StandardDocumentException;
import org.tracehub.schemas.xml.StandardDocumentReader;
import org.tracehub.schemas.xml.StandardDocumentValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code validate FILE.xml}: checks a standard document against the shipped XSD (streaming, no
 * external access) and every event against the standard's rules, as the server does. Exit 0 when it
 * is valid (warnings allowed), 1 when it breaks the XSD, its count or a rule, 2 when it cannot be
 * read as a standard document at all.
 */
@Command(name = "validate",
        description = {"按XSD和追溯标准规则校验标准XML文档。",
                "Checks a standard XML document against the XSD and the standard's rules.",
                "退出码 / exit: 0 有效 valid, 1 不符合XSD或规则 breaks the XSD or the rules, 2 无法读取 unreadable"})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.xml", description = "标准文档 / the standard document")
    Path file;

    private final CliConsole console;
    /** The hub's clock: "now" in {@code hub.time-zone}, as the server judges it (see {@link HubTimeZone}). */
    private final Clock clock;

    ValidateCommand(CliConsole console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = console.out();
        if (!Files.isRegularFile(file)) {
            out.println("找不到文件（" + CliCodes.FILE_NOT_FOUND + "）：" + file);
            return CliExitCodes.UNUSABLE;
        }
        List<SchemaViolation> violations;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            violations = new StandardDocumentValidator().validate(in);
        } catch (StandardDocumentException e) {
            out.println("文档无法读取（" + e.code() + "）：" + e.getMessage());
            return CliExitCodes.UNUSABLE;
        }
        for (SchemaViolation v : violations) {
            out.println("第" + v.line() + "行第" + v.column() + "列\t" + ErrorCodes.XML_SCHEMA_INVALID + "\t" + v.message());
        }
        long events = 0;
        long errors = 0;
        long warnings = 0;
        String broken = null;
        EventRules rules = new EventRules(clock);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             StandardDocumentReader reader = new StandardDocumentReader(in)) {
            while (true) {
                try {
                    if (!reader.hasNext()) {
                        break;
                    }
                } catch (StandardDocumentException e) {
                    report(out, e, atOrAfterTrailer(reader, e));
                    broken = e.code();
                    break;
                }
                TraceEvent event = reader.next();
                events++;
                for (Finding f : rules.check(event)) {
                    if (f.severity() == Severity.ERROR) {
                        errors++;
                    } else {
                        warnings++;
                    }
                    out.println("第" + events + "条事件" + where(event) + "\t" + RowReport.text(f.field()) + "\t"
                            + RowReport.severity(f.severity()) + "\t" + f.code() + "\t" + RowReport.text(f.message()) + "\t"
                            + RowReport.text(f.value()));
                }
            }
        } catch (StandardDocumentException e) {
            report(out, e, false);
            broken = e.code();
        }
        out.println("标准文档 " + file + "：事件" + events + "条；XSD问题" + violations.size() + "处；规则错误" + errors + "处，警告" + warnings + "处");
        if (ErrorCodes.XML_MALFORMED.equals(broken) && events == 0) {
            // not a standard document at all (another root element, another version, no header)
            return CliExitCodes.UNUSABLE;
        }
        return violations.isEmpty() && errors == 0 && broken == null ? CliExitCodes.OK : CliExitCodes.REJECTED;
    }

    /**
     * A value the reader cannot convert stops the read like a structural fault: the events after it go unchecked. Not so
     * for a fault at or after the trailer (its count off, its count unreadable, content after it): every event was
     * checked by then.
     */
    private static void report(PrintStream out, StandardDocumentException e, boolean atOrAfterTrailer) {
        out.println((ErrorCodes.XML_VALUE_INVALID.equals(e.code()) ? "文档中有无法读取的值" : "文档结构有误") + "（" + e.code()
                + "）" + (atOrAfterTrailer ? "" : "，其后的事件未校验") + "：" + e.getMessage());
    }

    /**
     * Whether a fault raised while looking for the next event is the trailer's or comes after it: the reader has read the
     * trailer (its count does not match, something follows it), or failed converting one of its values — the only
     * element {@code hasNext} converts.
     */
    private static boolean atOrAfterTrailer(StandardDocumentReader reader, StandardDocumentException e) {
        if (ErrorCodes.XML_VALUE_INVALID.equals(e.code())) {
            return true;
        }
        try {
            reader.trailer();
            return true;
        } catch (IllegalStateException notYetRead) {
            return false;
        }
    }

    /** The event's trace code and the row it came from, so the sender finds it. */
    private static String where(TraceEvent event) {
        StringBuilder sb = new StringBuilder("（追溯码 ").append(event.getTraceCode());
        if (event.getProvenance() != null && event.getProvenance().getRow() != null) {
            sb.append("，原文件第").append(event.getProvenance().getRow()).append("行");
        }
        return sb.append("）").toString();
    }
}
