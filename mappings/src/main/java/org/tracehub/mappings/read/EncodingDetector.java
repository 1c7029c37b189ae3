package org.tracehub.mappings.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Decides the charset of a text export when the spec says {@code auto}: a BOM wins; otherwise a
 * file that decodes as strict UTF-8 from start to end is UTF-8; otherwise GB18030 (a superset of
 * GBK and GB2312, which is what Chinese legacy systems write). Reads the file once, streaming.
 * A file whose first many Chinese characters are UTF-8 and that breaks later (a GBK line pasted into a UTF-8 export)
 * is neither: read as GB18030 its UTF-8 text turns to mojibake (序号 → 搴忓彿), so it is refused naming the line.
 */
public final class EncodingDetector {

    public static final Charset GB18030 = Charset.forName("GB18030");

    private EncodingDetector() {
    }

    /**
     * Chinese characters decoded as UTF-8 before the first byte that is not, from which on the file is taken for UTF-8
     * with a foreign line: a GBK file's byte pairs pass as a UTF-8 character now and then (中 is D6 D0, a valid
     * two-byte sequence), twenty three-byte CJK sequences in a row before any error they do not.
     */
    private static final int UTF8_EVIDENCE = 20;

    /**
     * The charset to decode a file declared in {@code declared} with: GB18030 for the Chinese national charsets (GBK,
     * GB2312, EUC-CN), else the charset itself. Exports that declare GB2312 commonly hold GBK characters (the names 喆,
     * 堃, 镕, 玥), and GBK ones GB18030's rarer ideographs: the same bytes in GB18030, its superset, so a strict decoder
     * of the declared charset would refuse a sound file.
     */
    static Charset decoding(Charset declared) {
        String name = declared.name().toUpperCase(Locale.ROOT);
        return name.equals("GBK") || name.equals("GB2312") || name.equals("EUC-CN") || name.equals("X-EUC-CN") ? GB18030 : declared;
    }

    public static Charset detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                return StandardCharsets.UTF_8;
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                return StandardCharsets.UTF_16LE;
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                return StandardCharsets.UTF_16BE;
            }
            Utf8Evidence utf8 = utf8Evidence(in, head, Long.MAX_VALUE);
            if (utf8.broken()) {
                if (utf8.cjk() >= UTF8_EVIDENCE) {
                    throw new FileLevelException(ErrorCodes.FILE_ENCODING, "文件前面的内容是UTF-8编码，但第" + utf8.line()
                            + "行含有不是UTF-8编码的内容（多半是从别处粘贴进来的GBK文字），请统一为一种编码后重新导出", utf8.line());
                }
                return GB18030;
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GB18030;
        }
    }

    /** Bytes of a document sniffed for UTF-8 text in a file that declares a GB charset: enough for twenty CJK characters past a long prolog. */
    static final int SNIFF_BYTES = 64 * 1024;

    /**
     * Whether the first {@value #SNIFF_BYTES} bytes of the stream (left where it was) are UTF-8 Chinese text, judged as
     * {@link #detect} judges a whole file: they decode as strict UTF-8 and hold a Chinese character, or break only after
     * twenty of them. A GBK document's bytes do not pass (a pair forms a UTF-8 CJK character only by chance), but strict
     * GB18030 decoding of UTF-8 bytes often succeeds (张三 reads 寮犱笁), so a document declaring GBK is checked here.
     */
    static boolean holdsUtf8Text(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        try {
            Utf8Evidence utf8 = utf8Evidence(in, new byte[0], SNIFF_BYTES);
            return utf8.broken() ? utf8.cjk() >= UTF8_EVIDENCE : utf8.cjk() > 0;
        } finally {
            in.reset();
        }
    }

    /**
     * Whether a text file to be decoded with {@code decoding} holds UTF-8 text while a GB charset is declared for it (the
     * spec's, or an XML declaration's), judged by {@link #holdsUtf8Text}: strict GB18030 decoding of UTF-8 bytes often
     * succeeds (张三 reads 寮犱笁), and the names would load garbled without a word. The stream is left where it was.
     */
    static boolean utf8UnderGbCharset(BufferedInputStream in, Charset decoding) throws IOException {
        return decoding.equals(GB18030) && holdsUtf8Text(in);
    }

    /** The refusal of a file whose spec names {@code charset} (a GB one) while it holds UTF-8 text: {@code kind} is 文件, XML文件. */
    static FileLevelException utf8UnderTheSpecsCharset(String kind, String charset) {
        return new FileLevelException(ErrorCodes.FILE_ENCODING, "本数据源约定" + kind + "使用" + charset + "编码，但文件内容是UTF-8编码，按"
                + charset + "读取中文会变成乱码，文件已拒收：请在导出时选择" + charset + "编码后重新发送；如已改用UTF-8，请联系平台管理员修改映射", 0);
    }

    /**
     * What decoding bytes as strict UTF-8 found.
     *
     * @param cjk    CJK characters (U+4E00–U+9FFF) decoded before the first bad byte
     * @param broken whether a byte was not UTF-8
     * @param line   the line of the first bad byte, counted as an editor does
     */
    private record Utf8Evidence(long cjk, boolean broken, long line) {
    }

    /**
     * Decodes {@code head} and then the stream as strict UTF-8, up to {@code limit} bytes in all: a sequence cut by the
     * limit is not a bad byte, one cut by the end of the stream is.
     */
    private static Utf8Evidence utf8Evidence(InputStream in, byte[] head, long limit) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        bytes.put(head);
        long left = limit - head.length;
        boolean eof = false;
        boolean cut = false;
        LineCounter lines = new LineCounter();
        long cjk = 0;
        while (!eof && !cut) {
            int n = in.read(bytes.array(), bytes.position(), (int) Math.min(bytes.remaining(), left));
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
                left -= n;
                cut = left <= 0;
            }
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, eof);
            chars.flip();
            while (chars.hasRemaining()) {
                char c = chars.get();
                lines.accept(c);
                if (c >= '\u4E00' && c <= '\u9FFF') {
                    cjk++;
                }
            }
            if (result.isError()) {
                return new Utf8Evidence(cjk, true, lines.line());
            }
            chars.clear();
            bytes.compact();
        }
        return new Utf8Evidence(cjk, eof && decoder.flush(chars).isError(), lines.line());
    }
}
