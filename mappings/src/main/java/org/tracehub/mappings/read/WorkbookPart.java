package org.tracehub.mappings.read;

import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * What an .xlsx reader needs of workbook.xml, read with StAX before POI's sheet iterator reads the part:
 * {@code <workbookPr date1904="1"/>} and the sheets whose {@code state} is {@code hidden} or {@code veryHidden}
 * (POI's sheet iterator gives names and parts, not states). The iterator parses the whole part and keeps every element
 * named {@code sheet} in it, with its name, before a sheet is opened: a few MB zipped of a million {@code <sheet>}
 * took the heap. So the whole part is read here first, through {@link XmlMarkupBound} and {@link XmlNameBound} as a
 * sheet is, and refused as FILE_MALFORMED past {@link #MAX_SHEETS} sheets or {@link #MAX_SHEET_CHARACTERS} of their
 * attributes. Nothing else of the part is kept (its {@code <definedNames>}, however many, are read past).
 *
 * @param date1904     the workbook counts its date serials from 1904-01-01
 * @param hiddenSheets the names of the hidden sheets
 */
record WorkbookPart(boolean date1904, Set<String> hiddenSheets) {

    /**
     * The sheets a workbook may have. POI opens no package of more than 1,000 entries (ZipSecureFile's file count,
     * left as it is), and each sheet is an entry of its own: no workbook POI reads has more.
     */
    static final int MAX_SHEETS = 1000;
    /**
     * The characters of the sheets' attributes together (name, r:id …), which POI keeps: Excel's sheet names are at most
     * 31 characters, so 1,000 sheets come to a third of this; one start tag may carry up to the markup bound.
     */
    static final int MAX_SHEET_CHARACTERS = 100_000;

    private static final String PART = "xlsx文件的工作簿（workbook.xml）";

    static WorkbookPart read(InputStream workbook) throws XMLStreamException {
        XMLStreamReader xml = new XmlNameBound(XlsxSheetRows.FACTORY.createXMLStreamReader(
                XlsxSheetRows.bounded(workbook, PART + "的XML")), WorkbookPart::tooManyNames);
        boolean date1904 = false;
        Set<String> hidden = new HashSet<>();
        boolean listed = false;
        int sheets = 0;
        long characters = 0;
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == START_ELEMENT) {
                    String name = xml.getLocalName();
                    // POI keeps an element of this name wherever it is, in any namespace, in any case
                    if ("sheet".equalsIgnoreCase(name)) {
                        if (++sheets > MAX_SHEETS) {
                            throw refusal("中工作表超过" + MAX_SHEETS + "个，超过平台能读取的上限");
                        }
                        for (int i = 0; i < xml.getAttributeCount(); i++) {
                            characters += xml.getAttributeValue(i).length();
                        }
                        if (characters > MAX_SHEET_CHARACTERS) {
                            throw refusal("中工作表的名称等属性合计超过" + MAX_SHEET_CHARACTERS + "个字符（Excel的工作表名称最多31个字符），"
                                    + "不是Excel能保存的表格");
                        }
                    }
                    if (listed) {
                        continue;
                    }
                    switch (name) {
                        case "workbookPr" -> {
                            String flag = xml.getAttributeValue(null, "date1904");
                            date1904 = "1".equals(flag) || "true".equalsIgnoreCase(flag);
                        }
                        case "sheet" -> {
                            String state = xml.getAttributeValue(null, "state");
                            if ("hidden".equals(state) || "veryHidden".equals(state)) {
                                hidden.add(xml.getAttributeValue(null, "name"));
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == END_ELEMENT && "sheets".equals(xml.getLocalName())) {
                    // what the reader needs is read; the rest of the part is only bounded
                    listed = true;
                }
            }
            return new WorkbookPart(date1904, Set.copyOf(hidden));
        } finally {
            xml.close();
        }
    }

    private static FileLevelException refusal(String what) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, PART + what + "，文件已拒收", 0);
    }

    private static FileLevelException tooManyNames(int names, long line) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, PART + "到第" + line + "行已出现" + names
                + "个不同的元素名与属性名，超过平台能读取的上限，不是Excel能保存的表格，文件已拒收", 0);
    }
}
