package org.tracehub.mappings.read;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the decoder and the CSV parser and refuses a record longer than a limit, before the
 * parser has buffered it: an unclosed quote otherwise swallows the rest of the file into one cell.
 * It follows RFC 4180 quoting just far enough to know where a record ends: a quote opens a quoted
 * cell only at the start of a cell, a doubled quote inside one is a literal quote, and a line break
 * outside quotes ends the record.
 */
final class RecordLengthGuard extends FilterReader {

    /** Thrown (as an I/O error, so that it passes through the parser) when a record is too long. */
    static final class RecordTooLongException extends IOException {
        private final long line;

        RecordTooLongException(long line, int limit) {
            super("record starting on line " + line + " is longer than " + limit + " characters");
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    // the states of the scanner; ints rather than an enum, because every character of the file passes here
    private static final int CELL_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final int limit;
    private final char delimiter;
    private final char quote;
    private int state = CELL_START;
    private long length;
    /** Lines as an editor counts them ({@code \n}, {@code \r\n}, a lone {@code \r}), as the parser numbers its records. */
    private final LineCounter lines = new LineCounter();
    private long recordLine = 1;
    private boolean ended;

    RecordLengthGuard(Reader in, int limit, char delimiter, char quote) {
        super(in);
        this.limit = limit;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        } else {
            ended = true;
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        if (n < 0) {
            ended = true;
        }
        scan(buffer, offset, n);
        return n;
    }

    /** {@link #see} for a whole buffer, with the state in locals: the common case (a plain cell character) is one comparison chain. */
    private void scan(char[] buffer, int offset, int n) throws RecordTooLongException {
        int s = state;
        long len = length;
        for (int i = offset, end = offset + Math.max(n, 0); i < end; i++) {
            char c = buffer[i];
            lines.accept(c);
            if (c == '\n' || c == '\r') {
                if (s != QUOTED) {
                    s = CELL_START;
                    len = 0;
                    recordLine = lines.line();
                    continue;
                }
            } else if (s == QUOTED) {
                if (c == quote) {
                    s = QUOTE_IN_QUOTED;
                }
            } else if (c == delimiter) {
                s = CELL_START;
            } else if (s == QUOTE_IN_QUOTED) {
                s = c == quote ? QUOTED : UNQUOTED;
            } else if (c == quote && s == CELL_START) {
                s = QUOTED;
            } else {
                s = UNQUOTED;
            }
            if (++len > limit) {
                state = s;
                length = len;
                throw new RecordTooLongException(recordLine, limit);
            }
        }
        state = s;
        length = len;
    }

    private void see(char c) throws RecordTooLongException {
        boolean lineBreak = c == '\n' || c == '\r';
        lines.accept(c);
        switch (state) {
            case CELL_START, UNQUOTED -> {
                if (lineBreak) {
                    endRecord();
                    return;
                }
                if (c == delimiter) {
                    state = CELL_START;
                } else if (c == quote && state == CELL_START) {
                    state = QUOTED;
                } else {
                    state = UNQUOTED;
                }
            }
            case QUOTED -> {
                if (c == quote) {
                    state = QUOTE_IN_QUOTED;
                }
            }
            default -> {
                if (lineBreak) {
                    endRecord();
                    return;
                }
                state = c == quote ? QUOTED : c == delimiter ? CELL_START : UNQUOTED;
            }
        }
        if (++length > limit) {
            throw new RecordTooLongException(recordLine, limit);
        }
    }

    /**
     * Whether the file ended inside a quoted cell of the record starting on {@code line}: a quote that opened a cell of
     * that record was never closed. (Lines counted as the parser counts them: {@code \n}, {@code \r\n} and a lone {@code \r}.)
     */
    boolean endedInQuotesOfRecordOn(long line) {
        return ended && state == QUOTED && recordLine == line;
    }

    private void endRecord() {
        state = CELL_START;
        length = 0;
        // a \r\n pair is one line break to the counter: its \n starts no further record line
        recordLine = lines.line();
    }
}
