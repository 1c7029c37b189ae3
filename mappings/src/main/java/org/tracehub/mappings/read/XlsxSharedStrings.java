package org.tracehub.mappings.read;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.ENTITY_REFERENCE;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import com.github.pjfanning.poi.xssf.streaming.TempFileSharedStringsTable;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A workbook's shared strings, kept in a temporary file as poi-shared-strings keeps them, but read with a bound: the
 * library reads each {@code <si>} whole into the heap, so one string of hundreds of MB (a sharedStrings part that
 * compresses to a few MB) took the heap before any row was read. Here each string is refused once it passes
 * {@link #MAX_CHARACTERS}, as it is read, before more of it is held. That is no string a row could carry anyway (the
 * row bound is the same), nor one Excel writes (32,767 characters a cell). Text as the library keeps it: {@code <t>},
 * or the runs' {@code <t>} joined, phonetic runs left out; {@code _xHHHH_} escapes are decoded when read
 * ({@code getItemAt(i).getString()}). One pass, as the library's own. Not thread-safe while reading.
 */
final class XlsxSharedStrings extends TempFileSharedStringsTable {

    /** One shared string's characters: what a whole row may hold ({@link XlsxSheetRows#MAX_ROW_CHARACTERS}). */
    static final int MAX_CHARACTERS = XlsxSheetRows.MAX_ROW_CHARACTERS;

    /** The part's name, for a refusal. */
    private String partName = "/xl/sharedStrings.xml";

    private XlsxSharedStrings() throws IOException {
        super(false, false);
    }

    /** The strings of a workbook's shared-strings part; the temporary file is removed when the table is closed. */
    static XlsxSharedStrings read(PackagePart part) throws IOException {
        XlsxSharedStrings table = new XlsxSharedStrings();
        table.partName = part.getPartName().getName();
        try (InputStream in = part.getInputStream()) {
            table.readFrom(in);
            return table;
        } catch (IOException | RuntimeException e) {
            table.close();
            throw e;
        }
    }

    @Override
    public void readFrom(InputStream is) throws IOException {
        try {
            XMLStreamReader xml = XlsxSheetRows.FACTORY.createXMLStreamReader(is);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == START_ELEMENT && "si".equals(xml.getLocalName())) {
                        // by position, duplicates too: a cell's index is the item's place in the part
                        strings.put(uniqueCount, item(xml));
                        uniqueCount++;
                        count++;
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("Failed to parse shared strings", e);
        }
    }

    /** The text of the {@code <si>} the reader stands on. */
    private String item(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            if (event == END_ELEMENT && "si".equals(xml.getLocalName())) {
                return text.toString();
            }
            if (event == START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "t" -> text(xml, text);
                    case "r" -> {
                        // a rich run: its <t> comes next, its <rPr> is skipped
                    }
                    default -> skipElement(xml);
                }
            } else if (event == END_DOCUMENT) {
                throw new XMLStreamException("unclosed <si>", xml.getLocation());
            }
        }
    }

    /** Appends the text of the {@code <t>} the reader stands on, refused once the item passes {@link #MAX_CHARACTERS}. */
    private void text(XMLStreamReader xml, StringBuilder text) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == CHARACTERS || event == CDATA || event == SPACE || event == ENTITY_REFERENCE) {
                // the parser hands long text on in pieces: each is counted before it is kept
                int length = event == ENTITY_REFERENCE ? xml.getText().length() : xml.getTextLength();
                if ((long) text.length() + length > MAX_CHARACTERS) {
                    throw tooLong();
                }
                if (event == ENTITY_REFERENCE) {
                    text.append(xml.getText());
                } else {
                    text.append(xml.getTextCharacters(), xml.getTextStart(), length);
                }
            } else if (event == END_ELEMENT) {
                return;
            } else if (event == START_ELEMENT || event == END_DOCUMENT) {
                throw new XMLStreamException("text-only element expected", xml.getLocation());
            }
            // comments and processing instructions are not text
        }
    }

    private FileLevelException tooLong() {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件的共享字符串表（sharedStrings，" + partName + "）第"
                + (uniqueCount + 1) + "项超过" + MAX_CHARACTERS + "个字符（Excel一个单元格最多32767个字符），不是Excel能保存的表格，文件已拒收", 0);
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
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
