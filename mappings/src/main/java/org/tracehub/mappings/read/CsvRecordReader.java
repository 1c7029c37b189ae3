package org.tracehub.mappings.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Streams a CSV export with Commons CSV. Decoding is strict, so a file in another encoding than
 * declared fails loudly instead of loading mojibake (a Chinese national charset, GBK or GB2312, is decoded as GB18030,
 * its superset: {@link EncodingDetector#decoding}); UTF-8 text under a GB charset the spec names, which strict GB18030
 * decoding often lets through, is refused by a look at the file's first bytes
 * ({@link EncodingDetector#utf8UnderGbCharset}); a leading BOM is dropped; rows above the
 * header row are titles and are skipped; row numbers are the file's record numbers.
 */
public final class CsvRecordReader implements RecordReader {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final Map<String, Integer> headerIndex;
    private final Map<String, List<Integer>> repeated;
    private final String encoding;
    private final Path file;
    private final Charset charset;

    private final int maxRecordLength;
    private final RecordLengthGuard guard;

    public CsvRecordReader(Path file, String encoding, int headerRow, char delimiter) {
        this(file, encoding, headerRow, delimiter, '"', FileSpec.DEFAULT_MAX_RECORD_LENGTH);
    }

    /**
     * @param quote           the quote character (RFC 4180: {@code "}; doubled inside a quoted cell)
     * @param maxRecordLength characters one record may have; a longer one (typically an unclosed quote)
     *                        fails the file with FILE_MALFORMED before it is buffered
     */
    public CsvRecordReader(Path file, String encoding, int headerRow, char delimiter, char quote, int maxRecordLength) {
        this.file = file;
        this.maxRecordLength = maxRecordLength;
        try {
            Charset declared = "auto".equalsIgnoreCase(encoding) ? EncodingDetector.detect(file) : Charset.forName(encoding);
            // the file is said to be in the charset declared (GB2312), and decoded with its superset (GB18030)
            Charset charset = EncodingDetector.decoding(declared);
            this.charset = charset;
            this.encoding = declared.name();
            BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file));
            if (!"auto".equalsIgnoreCase(encoding) && EncodingDetector.utf8UnderGbCharset(in, charset)) {
                // ASCII headers and two-character names decode strictly as GB18030 too: 张三 would load as 寮犱笁
                in.close();
                throw EncodingDetector.utf8UnderTheSpecsCharset("CSV文件", declared.name());
            }
            Reader reader = new PushbackReader(new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
            skipBom((PushbackReader) reader);
            this.guard = new RecordLengthGuard(reader, maxRecordLength, delimiter, quote);
            reader = guard;
            // an empty line is a row in the spreadsheet the sender sees: keep it so that row numbers match
            this.parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote(quote).setIgnoreEmptyLines(false)
                    .get().parse(reader);
            this.records = parser.iterator();
            List<String> h = null;
            while (h == null) {
                CSVRecord record = nextRecord();
                if (record == null) {
                    throw new FileLevelException(ErrorCodes.FILE_HEADER_MISSING,
                            "文件在第" + headerRow + "行应有表头，但文件在此之前已结束", headerRow);
                }
                if (record.getRecordNumber() == headerRow) {
                    h = new ArrayList<>();
                    for (String cell : record) {
                        h.add(TextNormalizer.normalize(cell));
                    }
                }
            }
            this.header = Collections.unmodifiableList(h);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < h.size(); i++) {
                index.putIfAbsent(h.get(i), i);
            }
            this.headerIndex = Collections.unmodifiableMap(index);
            this.repeated = RepeatedColumns.of(h, i -> i);
        } catch (CharacterCodingException e) {
            throw encodingProblem(e);
        } catch (RecordLengthGuard.RecordTooLongException e) {
            throw tooLong(e);
        } catch (IOException e) {
            throw FileLevelException.unreadable(file, e);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Map<String, List<Integer>> repeatedColumns() {
        return repeated;
    }

    @Override
    public RawRecord next() {
        CSVRecord record = nextRecord();
        if (record == null) {
            return null;
        }
        // the record's own array, not a copy: the parser makes a new one for every record
        return new RawRecord(record.getRecordNumber(), Arrays.asList(record.values()), headerIndex, false, header.size());
    }

    @Override
    public String encoding() {
        return encoding;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CSVRecord nextRecord() {
        // where the record about to be parsed starts: a record the parser cannot finish (an unclosed quote read on to
        // the end of the file, or to where another quote opens) is reported where the clerk must look, not where the
        // parser gave up
        long startLine = parser.getCurrentLineNumber() + 1;
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw encodingProblem(e);
            }
            if (e.getCause() instanceof RecordLengthGuard.RecordTooLongException tooLong) {
                throw tooLong(tooLong);
            }
            if (e.getCause() instanceof CSVException) {
                throw malformed(startLine, e);
            }
            // not the file's fault: the hub could not read its own copy (a disk error part-way through)
            throw FileLevelException.unreadable(file, e.getCause());
        } catch (IllegalStateException e) {
            throw malformed(startLine, e);
        }
    }

    /** The parser's own (English) text stays in the cause, for the log: the clerk is told where to look and what to look for. */
    private FileLevelException malformed(long startLine, Exception e) {
        String message = guard.endedInQuotesOfRecordOn(startLine)
                ? "文件第" + startLine + "行开始的数据有引号未闭合：从这里起直到文件末尾都没有与之配对的引号，文件已拒收；请检查第"
                        + startLine + "行各单元格的引号后重新发送"
                : "文件第" + startLine + "行开始的一行数据格式错误（可能是引号未闭合，或引号括起的单元格后面紧跟了其他字符），文件已拒收；"
                        + "请检查第" + startLine + "行起各单元格的引号后重新发送";
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, message, startLine, e);
    }

    private FileLevelException tooLong(RecordLengthGuard.RecordTooLongException e) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "文件第" + e.line() + "行开始的一行数据超过" + maxRecordLength
                + "个字符，文件已拒收（常见原因：引号未闭合，后面的内容都被当作同一个单元格）", e.line(), e);
    }

    /**
     * The decoder works ahead of the parser (whole buffers at a time), so the parser's position says
     * nothing about where the bad bytes are: find their line by decoding the file again.
     */
    private FileLevelException encodingProblem(Exception e) {
        long line = firstUndecodableLine(file, charset);
        return new FileLevelException(ErrorCodes.FILE_ENCODING,
                "文件第" + line + "行的内容不是" + encoding + "编码，请确认导出时选择的字符编码", line, e);
    }

    /** The 1-based line holding the first bytes that do not decode strictly, or 0 if none (or unreadable). */
    static long firstUndecodableLine(Path file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        LineCounter line = new LineCounter();
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(8192);
            CharBuffer chars = CharBuffer.allocate(8192);
            boolean eof = false;
            while (!eof) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult result;
                do {
                    result = decoder.decode(bytes, chars, eof);
                    chars.flip();
                    while (chars.hasRemaining()) {
                        line.accept(chars.get());
                    }
                    chars.clear();
                } while (result.isOverflow());
                if (result.isError()) {
                    return line.line();
                }
                bytes.compact();
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void skipBom(PushbackReader reader) throws IOException {
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
    }
}
