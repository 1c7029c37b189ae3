package org.tracehub.routes.receipt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.FileWarnings;
import org.tracehub.platform.batch.RowProblem;

/**
 * The receipt as CSV in the sender's own encoding, so that the clerk opens it in the same
 * spreadsheet program that made the export: a summary block, ending with the warnings of the file as a whole (文件警告,
 * one line each: of no row), then one line per problem row. In UTF-8
 * it starts with a byte-order mark: Excel on a Chinese Windows reads a CSV without one as GBK.
 * A receipt in GBK or GB2312 is written in GB18030, which encodes their text with the same bytes and every other
 * character too (䶮, ®, •, an emoji a sender's file held); in any other charset that is not Unicode, a character it
 * cannot encode is written as {@code U+4DAE} rather than silently as "?".
 */
public final class ReceiptCsvWriter {

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** The charset a receipt asked for in {@code charset} is written in (a download's Content-Type names this one). */
    public static Charset writtenIn(Charset charset) {
        String name = charset.name();
        return "GBK".equalsIgnoreCase(name) || "GB2312".equalsIgnoreCase(name) ? GB18030 : charset;
    }

    public void write(Receipt receipt, Charset requested, OutputStream out) throws IOException {
        Batch b = receipt.batch();
        Charset charset = writtenIn(requested);
        Writer writer = new OutputStreamWriter(out, charset);
        Escapes escapes = new Escapes(charset);
        if (StandardCharsets.UTF_8.equals(charset)) {
            writer.write('\uFEFF');
        }
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            Line line = values -> csv.printRecord(escapes.all(values));
            line.print("回执", "追溯数据交换平台处理回执");
            line.print("文件名", CsvCells.safe(b.fileName()));
            line.print("批次号", b.id());
            line.print("状态", b.status().chinese(), b.status().name());
            line.print("接收时间", b.receivedAt().toString());
            line.print("读取行数", b.rowsRead());
            line.print("接受行数", b.rowsAccepted());
            line.print("拒绝行数", b.rowsRejected());
            line.print("跳过行数", b.rowsSkipped());
            if (receipt.skipReasonsText() != null) {
                // a line of its own: a sender's parser may insist on two cells per summary line
                line.print("跳过原因", receipt.skipReasonsText());
            }
            if (b.failureCode() != null) {
                line.print("原因", b.failureCode(), CsvCells.safe(b.failureMessage()));
            }
            if (receipt.earlierLoad() != null) {
                // a reprocess not (yet) loaded: the counts above are its own, the store still holds the earlier attempt
                line.print("库中数据", receipt.earlierLoadText(), receipt.earlierLoad());
            }
            if (receipt.problemsPurgedText() != null) {
                line.print("问题行明细", receipt.problemsPurgedText());
            }
            if (receipt.countsNote() != null) {
                line.print("说明", receipt.countsNote());
            }
            // last in the summary, after the lines receipts always had: a reprocess replaces the receipt under the same
            // batch id, and these tell the two apart
            line.print("处理次数", b.attempt());
            line.print("回执时间", receipt.writtenAtText());
            // added after every line receipts had before, so that a sender's parser finds those where they were
            if (b.specVersion() != null) {
                line.print("映射版本", b.specVersion());
            }
            for (FileWarnings.Entry w : b.fileWarnings().entries()) {
                // the file's, not a row's: the summary's end, above the row lines, so that no row reads as at fault
                line.print("文件警告", w.code(), CsvCells.safe(w.message()));
            }
            csv.println();
            // 记录号 where the rows are an XML export's record ordinals: the clerk would look for line 57 and find nothing
            line.print(b.rowNumbering().label(), "列名", "标准字段", "级别", "错误代码", "错误信息", "原始值");
            for (RowProblem p : receipt.problems()) {
                line.print(p.row(), CsvCells.safe(p.column()), CsvCells.safe(p.field()), StatusTexts.severity(p.severity()),
                        p.code(), CsvCells.safe(p.message()), CsvCells.safe(p.rawValue()));
            }
        }
    }

    private interface Line {
        void print(Object... values) throws IOException;
    }

    /**
     * Sender text in a charset that cannot hold all of it: each character it cannot encode becomes {@code U+XXXX}, so
     * that the clerk sees a character was there (an OutputStreamWriter would write "?", which reads as the sender's own).
     */
    private static final class Escapes {
        private final CharsetEncoder encoder;

        Escapes(Charset charset) {
            String name = charset.name();
            this.encoder = name.startsWith("UTF-") || name.equals("GB18030") ? null : charset.newEncoder();
        }

        Object[] all(Object[] values) {
            if (encoder != null) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] instanceof String text) {
                        values[i] = of(text);
                    }
                }
            }
            return values;
        }

        private String of(String text) {
            if (encoder == null || text == null || encoder.canEncode(text)) {
                return text;
            }
            StringBuilder sb = new StringBuilder(text.length() + 8);
            text.codePoints().forEach(cp -> {
                String ch = Character.toString(cp);
                if (encoder.canEncode(ch)) {
                    sb.append(ch);
                } else {
                    sb.append(String.format("U+%04X", cp));
                }
            });
            return sb.toString();
        }
    }
}
