package org.tracehub.samples.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CSV as the legacy exports write it: CRLF, quotes only where needed, title lines as plain text. */
final class CsvRowSink implements RowSink {

    private static final String CRLF = "\r\n";

    private final Writer out;

    CsvRowSink(Path file, Charset charset, SourceLayout layout) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset.newEncoder()), 1 << 16);
        for (String title : layout.titleRows()) {
            out.write(title);
            out.write(CRLF);
        }
        writeLine(layout.header().stream().map(CellValue::text).toList());
    }

    @Override
    public void row(List<CellValue> cells) throws IOException {
        writeLine(cells);
    }

    @Override
    public void finish(List<CellValue> totalRow) throws IOException {
        if (!totalRow.isEmpty()) {
            writeLine(totalRow);
        }
        out.flush();
    }

    private void writeLine(List<CellValue> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String text = cells.get(i).text();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                out.write('"');
                out.write(text.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(text);
            }
        }
        out.write(CRLF);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
