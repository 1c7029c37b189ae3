package org.tracehub.mappings.read;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Puts an {@link XmlMarkupBound} under the parser: over the characters the reader decodes itself, or over the bytes
 * the parser decodes (UTF-8 and ASCII, whose markup characters are single bytes never found inside another character;
 * and UTF-16 or UTF-32, recognised as the parser does by a byte-order mark or the {@code <} of the first markup, read
 * in units of two or four bytes). Neither supports mark, reset or skip past the bound: whatever the parser reads
 * passes it.
 */
final class XmlMarkupBoundInput {

    private XmlMarkupBoundInput() {
    }

    static Reader over(Reader in, XmlMarkupBound markup) {
        return new FilterReader(in) {
            private final char[] one = new char[1];

            @Override
            public int read() throws IOException {
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0];
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    markup.accept(buffer, offset, offset + n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                return Math.max(read(new char[(int) Math.min(n, 8192)]), 0);
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void mark(int limit) throws IOException {
                throw new IOException("mark not supported");
            }

            @Override
            public void reset() throws IOException {
                throw new IOException("reset not supported");
            }
        };
    }

    /** The stream must be at the document's first byte (before a byte-order mark, if any). */
    static InputStream over(BufferedInputStream in, XmlMarkupBound markup) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return new Bytes(in, unitBytes(head), bigEndian(head), markup);
    }

    /** Two or four for UTF-16 or UTF-32 (XML 1.0, appendix F), else one. */
    private static int unitBytes(byte[] head) {
        if (head.length == 4 && (matches(head, 0, 0, 0xFE, 0xFF) || matches(head, 0xFF, 0xFE, 0, 0)
                || matches(head, 0, 0, 0, '<') || matches(head, '<', 0, 0, 0))) {
            return 4;
        }
        if (head.length >= 2 && (matches(head, 0xFE, 0xFF) || matches(head, 0xFF, 0xFE) || matches(head, 0, '<') || matches(head, '<', 0))) {
            return 2;
        }
        return 1;
    }

    private static boolean bigEndian(byte[] head) {
        return head.length > 0 && head[0] == 0 || head.length > 1 && (head[0] & 0xFF) == 0xFE;
    }

    private static boolean matches(byte[] head, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static final class Bytes extends FilterInputStream {
        private final XmlMarkupBound markup;
        private final int unitBytes;
        private final boolean bigEndian;
        /** The bytes read, as units for the bound. */
        private char[] units = new char[8192];
        private int unit;
        private int unitRead;

        Bytes(InputStream in, int unitBytes, boolean bigEndian, XmlMarkupBound markup) {
            super(in);
            this.markup = markup;
            if (unitBytes == 1) {
                markup.utf8Bytes();
            }
            this.unitBytes = unitBytes;
            this.bigEndian = bigEndian;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n <= 0 || markup.stopped()) {
                return n;
            }
            if (units.length < n) {
                units = new char[n];
            }
            int count = 0;
            if (unitBytes == 1) {
                for (int i = 0; i < n; i++) {
                    units[i] = (char) (buffer[offset + i] & 0xFF);
                }
                count = n;
            } else {
                for (int i = offset; i < offset + n; i++) {
                    int b = buffer[i] & 0xFF;
                    unit = bigEndian ? unit << 8 | b : unit | b << (8 * unitRead);
                    if (++unitRead == unitBytes) {
                        units[count++] = (char) Math.min(unit, 0xFFFF);
                        unit = 0;
                        unitRead = 0;
                    }
                }
            }
            markup.accept(units, 0, count);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(read(new byte[(int) Math.min(n, 8192)]), 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int limit) {
            // not supported: the bound has seen what was read
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("reset not supported");
        }
    }
}
