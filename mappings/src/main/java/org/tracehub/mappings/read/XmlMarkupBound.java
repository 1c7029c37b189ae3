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
 * begins on. Not thread-safe.
 */
final class XmlMarkupBound {

    /** What an open element costs besides its start tag, in characters: as {@link XmlRecordReader#ELEMENT_CHARACTERS}. */
    private static final int ELEMENT_CHARACTERS = XmlRecordReader.ELEMENT_CHARACTERS;
    private static final String CDATA_OPEN = "CDATA[";

    private enum State { TEXT, LT, BANG, BANG_DASH, CDATA_OPEN, CDATA, COMMENT, PI, START_TAG, END_TAG, DECLARATION, REFERENCE }

    private final long bound;
    private State state = State.TEXT;
    /** The characters of the markup being read, from its {@code <} or {@code &}. */
    private long count;
    private long markupLine;
    private long line = 1;
    private boolean afterCr;
    /** In a tag: the quote that opened the attribute value being read, or 0. */
    private int quote;
    private long valueLine;
    /** The character before this one in the markup: a tag ending {@code />} opens no element, {@code ?>} ends a PI. */
    private int previous;
    /** How far {@code CDATA[} after {@code <![} is matched; in a CDATA section or a comment, the run of ']' or '-'. */
    private int run;
    /** What each element open at this point cost (its start tag and {@link #ELEMENT_CHARACTERS}), and their sum. */
    private long[] open = new long[16];
    private int depth;
    private long openCharacters;

    XmlMarkupBound(long bound) {
        this.bound = bound;
    }

    /** Takes the document's next character (a UTF-16 unit, or for UTF-8 bytes one byte, see {@link #accept(int, boolean)}). */
    void accept(int c) throws MarkupTooLarge {
        accept(c, true);
    }

    /**
     * Takes the next unit of the document; {@code counts} is false for the continuation bytes of a UTF-8 character,
     * so that a bound in characters is one in characters whichever the decoding.
     */
    void accept(int c, boolean counts) throws MarkupTooLarge {
        if (c == '\n') {
            if (!afterCr) {
                line++;
            }
            afterCr = false;
        } else if (c == '\r') {
            line++;
            afterCr = true;
        } else {
            afterCr = false;
        }
        switch (state) {
            case TEXT -> {
                if (c == '<' || c == '&') {
                    state = c == '<' ? State.LT : State.REFERENCE;
                    count = 1;
                    markupLine = line;
                    previous = c;
                }
                return;
            }
            case CDATA -> {
                if (c == '>' && run >= 2) {
                    state = State.TEXT;
                } else {
                    run = c == ']' ? run + 1 : 0;
                }
                return;
            }
            default -> {
                // markup: counted below
            }
        }
        if (counts && ++count > bound) {
            throw tooLarge();
        }
        switch (state) {
            case LT -> state = c == '?' ? State.PI : c == '!' ? State.BANG : c == '/' ? State.END_TAG : State.START_TAG;
            case BANG -> {
                run = 0;
                state = c == '-' ? State.BANG_DASH : c == '[' ? State.CDATA_OPEN : State.DECLARATION;
            }
            case BANG_DASH -> {
                run = 0;
                state = c == '-' ? State.COMMENT : State.DECLARATION;
            }
            case CDATA_OPEN -> {
                if (c != CDATA_OPEN.charAt(run)) {
                    state = State.DECLARATION;
                } else if (++run == CDATA_OPEN.length()) {
                    run = 0;
                    state = State.CDATA;
                }
            }
            case COMMENT -> {
                if (c == '>' && run >= 2) {
                    state = State.TEXT;
                } else {
                    run = c == '-' ? run + 1 : 0;
                }
            }
            case PI -> {
                if (c == '>' && previous == '?') {
                    state = State.TEXT;
                }
            }
            case START_TAG, END_TAG -> tag(c);
            case REFERENCE -> {
                if (c == ';') {
                    state = State.TEXT;
                }
            }
            default -> {
                // a DOCTYPE: counted to the end
            }
        }
        previous = c;
    }

    private void tag(int c) throws MarkupTooLarge {
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
            return;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            valueLine = line;
        } else if (c == '>') {
            if (state == State.END_TAG) {
                if (depth > 0) {
                    openCharacters -= open[--depth];
                }
            } else if (previous != '/') {
                opened(count + ELEMENT_CHARACTERS);
            }
            state = State.TEXT;
        }
    }

    private void opened(long cost) throws MarkupTooLarge {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = cost;
        openCharacters += cost;
        if (openCharacters > bound) {
            throw new MarkupTooLarge("XML文件第" + markupLine + "行的元素嵌套在" + depth + "层元素之内，这些未结束的元素超过" + bound
                    + "个字符（开始标签合计，每个元素另计" + ELEMENT_CHARACTERS + "个），请检查导出的文件是否完整", markupLine);
        }
    }

    private MarkupTooLarge tooLarge() {
        boolean inValue = (state == State.START_TAG || state == State.END_TAG) && quote != 0;
        long at = inValue ? valueLine : markupLine;
        String what = switch (state) {
            case START_TAG -> quote != 0 ? "属性值" : "开始标签（元素名与属性合计）";
            case END_TAG -> "结束标签";
            case COMMENT, BANG_DASH -> "注释";
            case PI -> "处理指令";
            case REFERENCE -> "字符引用或实体引用";
            default -> "DOCTYPE声明（或其他<!声明）";
        };
        return new MarkupTooLarge("XML文件第" + at + "行开始的" + what + "超过" + bound + "个字符，请检查导出的文件是否完整", at);
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
