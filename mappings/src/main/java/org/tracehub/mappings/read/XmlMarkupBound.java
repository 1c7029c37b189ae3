package org.tracehub.mappings.read;

import java.io.IOException;
import java.util.Arrays;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Follows an XML document character by character ahead of the parser and refuses a piece of markup the JDK's parser
 * would read whole into the heap before any bound of the reader sees it: a tag with its attribute values, a comment, a
 * processing instruction (the XML declaration too), a DOCTYPE, a character or entity reference in text, and the start
 * tags of the elements open at once (the parser keeps each one's name and namespaces until its end tag, so a document
 * nested ever deeper fills the heap with tags of a few characters each). Text and CDATA sections are not counted:
 * the parser hands them on in pieces, which the record's own bound counts.
 * <p>
 * It knows only as much of XML as finding where such markup ends takes: a {@code >} inside a quoted attribute value
 * does not end a tag, and nothing inside a CDATA section, a comment or a processing instruction begins markup. Where
 * it could only guess (a DOCTYPE's internal subset, {@code <!} followed by anything but a comment or CDATA), it
 * counts to the end of the document: the reader refuses a DOCTYPE anyway, and the parser any other such {@code <!}, as
 * soon as it has read it. Lines are counted as {@link LineCounter} does, so that a refusal names the line the markup
 * begins on. Each state scans for its own end in a loop of its own over the buffer, counting as it goes, and the
 * bound is checked before the buffer goes on to the parser: it runs over every character of the document, twice
 * (the reader's two passes). Not thread-safe.
 */
final class XmlMarkupBound {

    /** What an open element costs besides its start tag, in characters: as {@link XmlRecordReader#ELEMENT_CHARACTERS}. */
    private static final int ELEMENT_CHARACTERS = XmlRecordReader.ELEMENT_CHARACTERS;
    private static final String CDATA_OPEN = "CDATA[";

    private static final int TEXT = 0;
    private static final int LT = 1;
    private static final int BANG = 2;
    private static final int BANG_DASH = 3;
    private static final int CDATA_START = 4;
    private static final int CDATA = 5;
    private static final int COMMENT = 6;
    private static final int PI = 7;
    private static final int START_TAG = 8;
    private static final int END_TAG = 9;
    private static final int DECLARATION = 10;
    private static final int REFERENCE = 11;

    private final long bound;
    /** With UTF-8 bytes for units, a continuation byte ({@code 10xxxxxx}) is no character of its own: not counted. */
    private int continuationMask;
    private int continuation = 1;
    private boolean stopped;
    private int state = TEXT;
    /** The characters of the markup being read, from its {@code <} or {@code &}. */
    private long count;
    private long markupLine;
    private long line = 1;
    /** The units before the current buffer, and where the last {@code \r} was: a {@code \n} right after it ends no line. */
    private long units;
    private long crAt = -2;
    /** In a tag: the quote that opened the attribute value being read, or 0. */
    private char quote;
    private long valueLine;
    /** The unit before this one in the markup: a tag ending {@code />} opens no element, {@code ?>} ends a PI. */
    private char previous;
    /** How far {@code CDATA[} after {@code <![} is matched; in a CDATA section or a comment, the run of ']' or '-'. */
    private int run;
    /** What each element open at this point cost (its start tag and {@link #ELEMENT_CHARACTERS}), and their sum. */
    private long[] open = new long[16];
    private int depth;
    private long openCharacters;

    /** How a refusal names the document, and what it advises. */
    private final String document;
    private final String advice;

    XmlMarkupBound(long bound) {
        this(bound, "XML文件", "请检查导出的文件是否完整");
    }

    /**
     * @param document the document as a refusal names it, before the line ({@code XML文件})
     * @param advice   what a refusal ends with
     */
    XmlMarkupBound(long bound, String document, String advice) {
        this.bound = bound;
        this.document = document;
        this.advice = advice;
    }

    /** The markup refusal somewhere in the chain of a parser's exception (its cause or its nested exception), or null. */
    static MarkupTooLarge within(Throwable e) {
        for (Throwable t = e; t != null; t = t instanceof javax.xml.stream.XMLStreamException x && x.getNestedException() != null
                && x.getNestedException() != t ? x.getNestedException() : t.getCause()) {
            if (t instanceof MarkupTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    long bound() {
        return bound;
    }

    /** The units will be the bytes of UTF-8 (one a char), not UTF-16 units. */
    void utf8Bytes() {
        continuationMask = 0xC0;
        continuation = 0x80;
    }

    /** The document is known to be within the bound: what follows need not be followed. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Takes the document's next units. A unit past U+FFFF (of UTF-32) may be given as U+FFFF: only ASCII characters
     * begin or end markup.
     */
    void accept(char[] buffer, int from, int to) throws MarkupTooLarge {
        if (stopped) {
            return;
        }
        int i = from;
        while (i < to) {
            i = switch (state) {
                case TEXT -> text(buffer, i, to, from);
                case CDATA -> cdata(buffer, i, to, from);
                case START_TAG, END_TAG -> quote == 0 ? tag(buffer, i, to, from) : value(buffer, i, to, from);
                default -> {
                    markup(buffer[i], i, from);
                    yield i + 1;
                }
            };
        }
        units += to - from;
    }

    private int text(char[] buffer, int i, int to, int from) {
        for (; i < to; i++) {
            char c = buffer[i];
            if (c > '<') {
                // letters, and every byte of a character beyond ASCII: one comparison
                continue;
            }
            if (c == '<' || c == '&') {
                state = c == '<' ? LT : REFERENCE;
                count = 1;
                markupLine = line;
                previous = c;
                return i + 1;
            }
            if (c <= '\r') {
                lineBreak(c, i, from);
            }
        }
        return i;
    }

    private int cdata(char[] buffer, int i, int to, int from) {
        int r = run;
        for (; i < to; i++) {
            char c = buffer[i];
            if (c == ']') {
                r++;
            } else if (c == '>' && r >= 2) {
                state = TEXT;
                run = 0;
                return i + 1;
            } else {
                r = 0;
                if (c <= '\r') {
                    lineBreak(c, i, from);
                }
            }
        }
        run = r;
        return i;
    }

    /** A tag outside quotes: up to its {@code >} or an attribute value's opening quote. */
    private int tag(char[] buffer, int i, int to, int from) throws MarkupTooLarge {
        long n = count;
        char before = previous;
        for (; i < to; i++) {
            char c = buffer[i];
            if ((c & continuationMask) != continuation) {
                n++;
            }
            if (c > '>') {
                before = c;
                continue;
            }
            if (c == '"' || c == '\'' || c == '>') {
                count = n;
                previous = c;
                bounded();
                if (c == '>') {
                    tagEnded(before);
                } else {
                    quote = c;
                    valueLine = line;
                }
                return i + 1;
            }
            if (c <= '\r') {
                lineBreak(c, i, from);
            }
            before = c;
        }
        count = n;
        previous = before;
        bounded();
        return i;
    }

    /** An attribute value: up to its closing quote. */
    private int value(char[] buffer, int i, int to, int from) throws MarkupTooLarge {
        long n = count;
        char q = quote;
        for (; i < to; i++) {
            char c = buffer[i];
            if ((c & continuationMask) != continuation) {
                n++;
            }
            if (c > '\'') {
                continue;
            }
            if (c == q) {
                count = n;
                bounded();
                quote = 0;
                previous = c;
                return i + 1;
            }
            if (c <= '\r') {
                lineBreak(c, i, from);
            }
        }
        count = n;
        bounded();
        return i;
    }

    private void tagEnded(char before) throws MarkupTooLarge {
        if (state == END_TAG) {
            if (depth > 0) {
                openCharacters -= open[--depth];
            }
        } else if (before != '/') {
            opened(count + ELEMENT_CHARACTERS);
        }
        state = TEXT;
    }

    /** The rarer markup, a character at a time: the opening of a tag, comment, PI or CDATA section, a reference. */
    private void markup(char c, int i, int from) throws MarkupTooLarge {
        if (c <= '\r') {
            lineBreak(c, i, from);
        }
        if ((c & continuationMask) != continuation) {
            count++;
            bounded();
        }
        switch (state) {
            case LT -> state = c == '?' ? PI : c == '!' ? BANG : c == '/' ? END_TAG : START_TAG;
            case BANG -> {
                run = 0;
                state = c == '-' ? BANG_DASH : c == '[' ? CDATA_START : DECLARATION;
            }
            case BANG_DASH -> {
                run = 0;
                state = c == '-' ? COMMENT : DECLARATION;
            }
            case CDATA_START -> {
                if (c != CDATA_OPEN.charAt(run)) {
                    state = DECLARATION;
                } else if (++run == CDATA_OPEN.length()) {
                    run = 0;
                    state = CDATA;
                }
            }
            case COMMENT -> {
                if (c == '>' && run >= 2) {
                    state = TEXT;
                } else {
                    run = c == '-' ? run + 1 : 0;
                }
            }
            case PI -> {
                if (c == '>' && previous == '?') {
                    state = TEXT;
                }
            }
            case REFERENCE -> {
                if (c == ';') {
                    state = TEXT;
                }
            }
            default -> {
                // a DOCTYPE: counted to the end
            }
        }
        previous = c;
    }

    /** Counts a line at {@code \n}, {@code \r\n} and a lone {@code \r}, as {@link LineCounter} does. */
    private void lineBreak(char c, int i, int from) {
        long at = units + i - from;
        if (c == '\r') {
            line++;
            crAt = at;
        } else if (c == '\n' && crAt != at - 1) {
            line++;
        }
    }

    private void bounded() throws MarkupTooLarge {
        if (count > bound) {
            throw tooLarge();
        }
    }

    private void opened(long cost) throws MarkupTooLarge {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = cost;
        openCharacters += cost;
        if (openCharacters > bound) {
            throw new MarkupTooLarge(document + "第" + markupLine + "行的元素嵌套在" + depth + "层元素之内，这些未结束的元素超过" + bound
                    + "个字符（开始标签合计，每个元素另计" + ELEMENT_CHARACTERS + "个），" + advice, markupLine);
        }
    }

    private MarkupTooLarge tooLarge() {
        boolean inValue = (state == START_TAG || state == END_TAG) && quote != 0;
        long at = inValue ? valueLine : markupLine;
        String what = switch (state) {
            case START_TAG -> quote != 0 ? "属性值" : "开始标签（元素名与属性合计）";
            case END_TAG -> "结束标签";
            case COMMENT, BANG_DASH -> "注释";
            case PI -> "处理指令";
            case REFERENCE -> "字符引用或实体引用";
            default -> "DOCTYPE声明（或其他<!声明）";
        };
        return new MarkupTooLarge(document + "第" + at + "行开始的" + what + "超过" + bound + "个字符，" + advice, at);
    }

    /**
     * Markup past the bound, thrown from under the parser as the I/O error it passes on (keeping it as the nested
     * exception): the reader turns it into {@code FILE_MALFORMED} with this message.
     */
    static final class MarkupTooLarge extends IOException {
        private final long line;

        MarkupTooLarge(String message, long line) {
            super(message);
            this.line = line;
        }

        FileLevelException refusal() {
            return new FileLevelException(ErrorCodes.FILE_MALFORMED, getMessage(), line, this);
        }
    }
}
