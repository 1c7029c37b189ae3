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
 * What an .xlsx reader needs of workbook.xml, read with StAX up to the end of its sheet list:
 * {@code <workbookPr date1904="1"/>} and the sheets whose {@code state} is {@code hidden} or {@code veryHidden}
 * (POI's sheet iterator gives names and parts, not states).
 *
 * @param date1904     the workbook counts its date serials from 1904-01-01
 * @param hiddenSheets the names of the hidden sheets
 */
record WorkbookPart(boolean date1904, Set<String> hiddenSheets) {

    static WorkbookPart read(InputStream workbook) throws XMLStreamException {
        XMLStreamReader xml = new XmlNameBound(XlsxSheetRows.FACTORY.createXMLStreamReader(workbook), WorkbookPart::tooManyNames);
        boolean date1904 = false;
        Set<String> hidden = new HashSet<>();
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == START_ELEMENT) {
                    switch (xml.getLocalName()) {
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
                    break;
                }
            }
            return new WorkbookPart(date1904, Set.copyOf(hidden));
        } finally {
            xml.close();
        }
    }

    private static FileLevelException tooManyNames(int names, long line) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "xlsx文件的工作簿（workbook.xml）到第" + line + "行已出现" + names
                + "个不同的元素名与属性名，超过平台能读取的上限，不是Excel能保存的表格，文件已拒收", 0);
    }
}
