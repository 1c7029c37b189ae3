package org.tracehub.mappings.read;

import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * How each cell format of an .xlsx styles part shows numbers, read with StAX in one pass: the number format id of each
 * {@code <xf>} of the first {@code <cellXfs>}, and the {@code <numFmt>} codes of the first {@code <numFmts>}, nothing
 * else. POI's StylesTable parsed the whole part into XMLBeans' tree (and the theme part with it), hundreds of bytes a
 * format: a styles part of a few MB zipped with a million formats took the heap before a row was read. Here a cell
 * format is kept as its number format id, a custom number format as its {@link SpreadsheetCells.NumberStyle} (its code
 * is tested when read, not kept), the part passes {@link XmlMarkupBound} and
 * {@link XmlNameBound} as the sheet does, and formats past what Excel saves are refused as FILE_MALFORMED, naming the
 * part. What a format shows is decided as POI's StylesTable and XSSFCellStyle did: a format's id is its
 * {@code numFmtId} cut to a short, a custom code (the last {@code <numFmt>} of that id) before a built-in one, and an
 * {@code <xf>} whose id is no number shows its numbers as numbers. Elements are matched in the main SpreadsheetML
 * namespace, as XMLBeans matched them.
 */
final class XlsxNumberStyles {

    /**
     * The cell formats ({@code cellXfs/xf}) a styles part may have: Excel keeps at most 65,490 unique cell formats in a
     * workbook and POI's own writer 64,000, so a part past 100,000 was saved by neither.
     */
    static final int MAX_CELL_FORMATS = 100_000;
    /**
     * The custom number formats ({@code numFmts/numFmt}): Excel keeps 200 to 250 in a workbook, depending on its
     * language version. Each costs a map entry here, and a test of its code when it is read.
     */
    static final int MAX_NUMBER_FORMATS = 10_000;
    /** A custom format's code: Excel takes 255 characters at most; each is tested for dates when it is read. */
    static final int MAX_FORMAT_CODE_CHARACTERS = 1_000;

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    /** An {@code <xf>} whose {@code numFmtId} is no number: POI could not read its style, and showed numbers as numbers. */
    private static final int UNREADABLE = Integer.MIN_VALUE;

    private final String part;
    private final Map<Short, SpreadsheetCells.NumberStyle> custom = new HashMap<>();
    private final Map<Short, SpreadsheetCells.NumberStyle> builtIn = new HashMap<>();
    private int[] formatIds = new int[64];
    private int formats;
    private int numberFormats;

    private XlsxNumberStyles(String part) {
        this.part = part;
    }

    /** How the cell format at an index of the workbook's styles part shows numbers; PLAIN for an index it does not define. */
    static IntFunction<SpreadsheetCells.NumberStyle> read(PackagePart styles) throws IOException, XMLStreamException {
        try (InputStream in = styles.getInputStream()) {
            return read(in, styles.getPartName().getName());
        }
    }

    /** As {@link #read(PackagePart)}, of the part's XML; {@code part} names it in a refusal. */
    static IntFunction<SpreadsheetCells.NumberStyle> read(InputStream in, String part) throws XMLStreamException {
        return new XlsxNumberStyles(part).parse(in);
    }

    private IntFunction<SpreadsheetCells.NumberStyle> parse(InputStream in) throws XMLStreamException {
        XMLStreamReader xml = new XmlNameBound(XlsxSheetRows.FACTORY.createXMLStreamReader(
                XlsxSheetRows.bounded(in, name() + "的XML")), this::tooManyNames);
        try {
            int depth = 0;
            // 0: not yet seen, 1: reading it (the first of its name under the root), 2: read
            int numFmts = 0;
            int cellXfs = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == START_ELEMENT) {
                    depth++;
                    boolean main = MAIN.equals(xml.getNamespaceURI());
                    String local = xml.getLocalName();
                    if (depth == 1 && !(main && "styleSheet".equals(local))) {
                        throw new XMLStreamException("the styles part " + part + " is no styleSheet of " + MAIN);
                    } else if (depth == 2 && main && "numFmts".equals(local) && numFmts == 0) {
                        numFmts = 1;
                    } else if (depth == 2 && main && "cellXfs".equals(local) && cellXfs == 0) {
                        cellXfs = 1;
                    } else if (depth == 3 && main && numFmts == 1 && "numFmt".equals(local)) {
                        numberFormat(xml.getAttributeValue(null, "numFmtId"), xml.getAttributeValue(null, "formatCode"));
                    } else if (depth == 3 && main && cellXfs == 1 && "xf".equals(local)) {
                        cellFormat(xml.getAttributeValue(null, "numFmtId"));
                    }
                } else if (event == END_ELEMENT) {
                    if (depth == 2) {
                        numFmts = numFmts == 1 ? 2 : numFmts;
                        cellXfs = cellXfs == 1 ? 2 : cellXfs;
                    }
                    depth--;
                }
            }
        } finally {
            xml.close();
        }
        SpreadsheetCells.NumberStyle[] kinds = new SpreadsheetCells.NumberStyle[formats];
        for (int i = 0; i < formats; i++) {
            kinds[i] = formatIds[i] == UNREADABLE ? SpreadsheetCells.NumberStyle.PLAIN : style((short) formatIds[i]);
        }
        // a style index the workbook does not define: the number is shown as a number
        return index -> index >= 0 && index < kinds.length ? kinds[index] : SpreadsheetCells.NumberStyle.PLAIN;
    }

    private void numberFormat(String id, String code) {
        if (++numberFormats > MAX_NUMBER_FORMATS) {
            throw refusal("中自定义数字格式（numFmts中的numFmt）超过" + MAX_NUMBER_FORMATS + "个（Excel最多约250个）");
        }
        Long value = id == null ? Long.valueOf(0) : number(id);
        if (value == null) {
            // POI's StylesTable failed on the whole part
            throw new FileLevelException(ErrorCodes.FILE_MALFORMED, name() + "中数字格式的编号“" + shortened(id)
                    + "”不是数字，xlsx文件内容已损坏，无法读取", 0);
        }
        if (code != null && code.length() > MAX_FORMAT_CODE_CHARACTERS) {
            throw refusal("中编号为" + value + "的数字格式超过" + MAX_FORMAT_CODE_CHARACTERS + "个字符");
        }
        short format = (short) value.intValue();
        // a <numFmt> without its code leaves the built-in format of its id, as POI did
        custom.put(format, code == null ? builtIn(format) : SpreadsheetCells.numberStyle(format, () -> code));
    }

    private void cellFormat(String id) {
        if (formats == MAX_CELL_FORMATS) {
            throw refusal("中单元格格式（cellXfs中的xf）超过" + MAX_CELL_FORMATS + "个（Excel最多65490个）");
        }
        if (formats == formatIds.length) {
            formatIds = Arrays.copyOf(formatIds, formats * 2);
        }
        // unset, numFmtId is 0 (General), as XMLBeans reads it
        Long value = id == null ? Long.valueOf(0) : number(id);
        formatIds[formats++] = value == null ? UNREADABLE : (short) value.intValue();
    }

    private SpreadsheetCells.NumberStyle style(short format) {
        SpreadsheetCells.NumberStyle style = custom.get(format);
        return style != null ? style : builtIn(format);
    }

    private SpreadsheetCells.NumberStyle builtIn(short format) {
        return builtIn.computeIfAbsent(format, f -> SpreadsheetCells.numberStyle(f, () -> BuiltinFormats.getBuiltinFormat(f)));
    }

    /** An attribute of XML Schema's integer types as XMLBeans reads it (surrounding blanks collapsed), or null. */
    private static Long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shortened(String text) {
        return text.length() > 32 ? text.substring(0, 32) + "…" : text;
    }

    private String name() {
        return "xlsx文件的样式表（styles，" + part + "）";
    }

    private FileLevelException refusal(String what) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, name() + what + "，不是Excel能保存的表格，文件已拒收", 0);
    }

    private FileLevelException tooManyNames(int names, long line) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, name() + "到第" + line + "行已出现" + names
                + "个不同的元素名与属性名，超过平台能读取的上限，不是Excel能保存的表格，文件已拒收", 0);
    }
}
