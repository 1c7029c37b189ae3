package org.tracehub.mappings.read;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.ENTITY_REFERENCE;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.util.function.Supplier;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Text of SpreadsheetML elements read with StAX within a bound: a sheet's cells ({@link XlsxSheetRows}, the row's
 * remaining characters) and the shared strings ({@link XlsxSharedStrings}, one string's). The parser hands long text on
 * in pieces; each is counted before it is kept, so no more than the bound is ever held.
 */
final class XlsxText {

    private XlsxText() {
    }

    /**
     * The text of a rich-text element ({@code <is>}, {@code <si>}) the reader stands on: its {@code <t>}, or its runs'
     * {@code <t>} joined, phonetic runs and run properties left out.
     */
    static String rich(XMLStreamReader xml, String element, int budget, Supplier<? extends RuntimeException> tooLong)
            throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            if (event == END_ELEMENT && element.equals(xml.getLocalName())) {
                return text.toString();
            }
            if (event == START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "t" -> text.append(text(xml, text.length(), budget, tooLong));
                    case "r" -> {
                        // a rich run: its <t> comes next, its <rPr> is skipped
                    }
                    default -> skipElement(xml);
                }
            } else if (event == END_DOCUMENT) {
                throw new XMLStreamException("unclosed <" + element + ">", xml.getLocation());
            }
        }
    }

    /**
     * The text of the element the reader stands on, as {@link XMLStreamReader#getElementText} reads it, but refused
     * ({@code tooLong}) once {@code held} and it pass {@code budget}.
     *
     * @param held characters already read toward the same bound (earlier runs of a rich text)
     */
    static String text(XMLStreamReader xml, int held, int budget, Supplier<? extends RuntimeException> tooLong)
            throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            if (event == CHARACTERS || event == CDATA || event == SPACE || event == ENTITY_REFERENCE) {
                int length = event == ENTITY_REFERENCE ? xml.getText().length() : xml.getTextLength();
                if ((long) held + text.length() + length > budget) {
                    throw tooLong.get();
                }
                if (event == ENTITY_REFERENCE) {
                    text.append(xml.getText());
                } else {
                    text.append(xml.getTextCharacters(), xml.getTextStart(), length);
                }
            } else if (event == END_ELEMENT) {
                return text.toString();
            } else if (event == START_ELEMENT || event == END_DOCUMENT) {
                throw new XMLStreamException("text-only element expected", xml.getLocation());
            }
            // comments and processing instructions are not text
        }
    }

    /** Skips the element the reader stands on, children and all. */
    static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == START_ELEMENT) {
                depth++;
            } else if (event == END_ELEMENT) {
                depth--;
            }
        }
    }
}
