package org.tracehub.mappings.read;

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
            XMLStreamReader xml = new XmlNameBound(XlsxSheetRows.FACTORY.createXMLStreamReader(
                    XlsxSheetRows.bounded(is, "xlsx文件的共享字符串表（sharedStrings，" + partName + "）的XML")), this::tooManyNames);
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

    /** The text of the {@code <si>} the reader stands on, refused once it passes {@link #MAX_CHARACTERS}. */
    private String item(XMLStreamReader xml) throws XMLStreamException {
        return XlsxText.rich(xml, "si", MAX_CHARACTERS, this::tooLong);
    }

    private FileLevelException tooManyNames(int names, long line) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件的共享字符串表（sharedStrings，" + partName + "）到第"
                + (uniqueCount + 1) + "项已出现" + names + "个不同的元素名与属性名，超过平台能读取的上限，不是Excel能保存的表格，文件已拒收", 0);
    }

    private FileLevelException tooLong() {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件的共享字符串表（sharedStrings，" + partName + "）第"
                + (uniqueCount + 1) + "项超过" + MAX_CHARACTERS + "个字符（Excel一个单元格最多32767个字符），不是Excel能保存的表格，文件已拒收", 0);
    }
}
