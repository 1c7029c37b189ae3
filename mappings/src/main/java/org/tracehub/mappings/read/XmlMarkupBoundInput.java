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

    static Reader over(Reader in, long bound) {
        XmlMarkupBound markup = new XmlMarkupBound(bound);
        return new FilterReader(in) {
            @Override
            public int read() throws IOException {
                int c = in.read();
                if (c >= 0) {
                    markup.accept(c);
                }
                return c;
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                for (int i = offset; i < offset + n; i++) {
                    markup.accept(buffer[i]);
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
    static InputStream over(BufferedInputStream in, long bound) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return new Bytes(in, new XmlMarkupBound(bound), unitBytes(head), bigEndian(head));
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
        private int unit;
        private int unitRead;

        Bytes(InputStream in, XmlMarkupBound markup, int unitBytes, boolean bigEndian) {
            super(in);
            this.markup = markup;
            this.unitBytes = unitBytes;
            this.bigEndian = bigEndian;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                accept(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (unitBytes == 1) {
                for (int i = offset; i < offset + n; i++) {
                    // a UTF-8 continuation byte is part of the character before it: a bound in characters
                    markup.accept(buffer[i] & 0xFF, (buffer[i] & 0xC0) != 0x80);
                }
            } else {
                for (int i = offset; i < offset + n; i++) {
                    accept(buffer[i] & 0xFF);
                }
            }
            return n;
        }

        private void accept(int b) throws IOException {
            if (unitBytes == 1) {
                markup.accept(b, (b & 0xC0) != 0x80);
                return;
            }
            unit = bigEndian ? unit << 8 | b : unit | b << (8 * unitRead);
            if (++unitRead == unitBytes) {
                markup.accept(unit);
                unit = 0;
                unitRead = 0;
            }
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
