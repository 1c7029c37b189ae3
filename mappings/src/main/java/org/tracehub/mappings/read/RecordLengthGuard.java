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

    private enum State { CELL_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final int limit;
    private final char delimiter;
    private final char quote;
    private State state = State.CELL_START;
    private long length;
    private long line = 1;
    private long recordLine = 1;

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
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(char c) throws RecordTooLongException {
        boolean lineBreak = c == '\n' || c == '\r';
        if (c == '\n') {
            line++;
        }
        switch (state) {
            case CELL_START, UNQUOTED -> {
                if (lineBreak) {
                    endRecord();
                    return;
                }
                if (c == delimiter) {
                    state = State.CELL_START;
                } else if (c == quote && state == State.CELL_START) {
                    state = State.QUOTED;
                } else {
                    state = State.UNQUOTED;
                }
            }
            case QUOTED -> {
                if (c == quote) {
                    state = State.QUOTE_IN_QUOTED;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (lineBreak) {
                    endRecord();
                    return;
                }
                state = c == quote ? State.QUOTED : c == delimiter ? State.CELL_START : State.UNQUOTED;
            }
        }
        if (++length > limit) {
            throw new RecordTooLongException(recordLine, limit);
        }
    }

    private void endRecord() {
        state = State.CELL_START;
        length = 0;
        // a \r\n pair: the record after it starts on the line the \n opens
        recordLine = line;
    }
}
