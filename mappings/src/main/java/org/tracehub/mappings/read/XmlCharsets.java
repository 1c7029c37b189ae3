package org.tracehub.mappings.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset of an XML export: the spec's, or with {@code auto} the one its byte-order mark or XML declaration names
 * (UTF-8 without either). The Chinese national charsets are decoded as GB18030, their superset, as the CSV reader does:
 * exports that declare GB2312 commonly hold GBK characters (镕), and GBK ones GB18030's (the rarer ideographs), which
 * are the same bytes in GB18030.
 */
final class XmlCharsets {

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    private static final int PROLOG = 1024;

    private XmlCharsets() {
    }

    /**
     * The charset to decode with, the stream left where it was; null for a byte-order mark of UTF-16 or UTF-32, which
     * the parser reads itself.
     */
    static Charset of(BufferedInputStream in, String specEncoding) throws IOException {
        if (specEncoding != null && !"auto".equalsIgnoreCase(specEncoding)) {
            return charset(specEncoding);
        }
        in.mark(PROLOG);
        byte[] head = in.readNBytes(PROLOG);
        in.reset();
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFF || head[0] == 0)) {
            return null;
        }
        Matcher declared = DECLARED.matcher(new String(head, StandardCharsets.ISO_8859_1));
        return declared.find() ? charset(declared.group(1)) : StandardCharsets.UTF_8;
    }

    /** UTF-8 and ASCII: the JDK's parser reports their bad bytes itself (and reads a BOM). */
    static boolean decodedStrictlyByParser(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
    }

    /** A decoder for the charset (GB18030 for the national ones) that reports a bad byte instead of replacing it. */
    static CharsetDecoder strictDecoder(Charset charset) {
        return national(charset).newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The charset the bytes are decoded with: GB18030 for the national ones, else the charset itself. */
    static Charset decoding(Charset charset) {
        return national(charset);
    }

    private static Charset national(Charset charset) {
        return EncodingDetector.decoding(charset);
    }

    private static Charset charset(String name) throws IOException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IOException("unknown charset " + name, e);
        }
    }
}
