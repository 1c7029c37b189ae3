package org.tracehub.routes.receipt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.RowProblem;

/**
 * The receipt as CSV in the sender's own encoding, so that the clerk opens it in the same
 * spreadsheet program that made the export: a summary block, then one line per problem. In UTF-8
 * it starts with a byte-order mark: Excel on a Chinese Windows reads a CSV without one as GBK.
 */
public final class ReceiptCsvWriter {

    public void write(Receipt receipt, Charset charset, OutputStream out) throws IOException {
        Batch b = receipt.batch();
        Writer writer = new OutputStreamWriter(out, charset);
        if (StandardCharsets.UTF_8.equals(charset)) {
            writer.write('\uFEFF');
        }
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            csv.printRecord("回执", "追溯数据交换平台处理回执");
            csv.printRecord("文件名", CsvCells.safe(b.fileName()));
            csv.printRecord("批次号", b.id());
            csv.printRecord("状态", StatusTexts.chinese(b.status()), b.status().name());
            csv.printRecord("接收时间", b.receivedAt().toString());
            csv.printRecord("读取行数", b.rowsRead());
            csv.printRecord("接受行数", b.rowsAccepted());
            csv.printRecord("拒绝行数", b.rowsRejected());
            csv.printRecord("跳过行数", b.rowsSkipped());
            if (b.failureCode() != null) {
                csv.printRecord("原因", b.failureCode(), CsvCells.safe(b.failureMessage()));
            }
            csv.println();
            csv.printRecord("行号", "列名", "标准字段", "级别", "错误代码", "错误信息", "原始值");
            for (RowProblem p : receipt.problems()) {
                csv.printRecord(p.row(), CsvCells.safe(p.column()), CsvCells.safe(p.field()), StatusTexts.severity(p.severity()),
                        p.code(), CsvCells.safe(p.message()), CsvCells.safe(p.rawValue()));
            }
        }
    }
}
