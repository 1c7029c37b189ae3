package org.tracehub.mappings.read;

import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.util.XMLHelper;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The rows of one worksheet part of an .xlsx, read with StAX straight from its XML, as POI's event
 * API intends (a handler of our own over the sheet's stream): no cell objects, no rich-text objects,
 * nothing held beyond the current row. Values follow SpreadsheetML: shared strings by index, inline
 * strings (rich runs joined, phonetic runs left out), cached formula results, booleans, errors, and
 * numbers rendered by {@link SpreadsheetCells}, with the date-ness of a style asked of the caller.
 * A cell or row without its optional {@code r} reference follows the one before it. A few bytes of a
 * sender's file must not take the heap: a row or column beyond Excel's last (a cell at ZZZZZZ1 would
 * be a row of 321 million empty cells) and a row's text beyond {@link #MAX_ROW_CHARACTERS} are refused
 * as FILE_MALFORMED, the text as it is read, before more of it is held; so is a sheet of ever new element or attribute
 * names, which the parser would keep ({@link XmlNameBound}). Not thread-safe.
 */
final class XlsxSheetRows {

    /** POI's factory settings: no DTDs, no external entities. */
    static final XMLInputFactory FACTORY = XMLHelper.newXMLInputFactory();

    /** Excel's columns, A to XFD. */
    static final int MAX_COLUMNS = 16_384;
    /** Excel's rows. */
    static final long MAX_ROWS = 1_048_576;
    /** A row's text, its cells together: the bound the XML reader sets a record, which a row is here. */
    static final int MAX_ROW_CHARACTERS = XmlRecordReader.MAX_RECORD_CHARACTERS;

    private final XMLStreamReader xml;
    private final String sheetName;
    private final IntFunction<String> sharedStrings;
    private final IntFunction<SpreadsheetCells.NumberStyle> numberStyle;
    private final boolean date1904;
    private long lastRow;
    /** The characters the current row may still hold. */
    private int budget;
    /** The refusal of a row past its bound, made once: {@link XlsxText} asks for it per cell only when it refuses. */
    private final Supplier<FileLevelException> refusal = this::tooLong;
    /** The cell being read, for a refusal: its {@code r} (null when it has none) and its 0-based column. */
    private String cellR;
    private int cellColumn;
    /** The current row's cells whose value as read cannot be trusted, or null. */
    private CellFlaws flaws;
    /** The flaw of the cell just rendered, or null. */
    private CellFlaw cellFlaw;

    /**
     * @param sheet         the worksheet part's XML; closed by the caller
     * @param sheetName     the sheet's name, for a refusal
     * @param sharedStrings the workbook's shared string at an index
     * @param numberStyle   how the cell style at an index shows numbers (date, percentage, plain)
     * @param date1904      the workbook counts days from 1904
     */
    XlsxSheetRows(InputStream sheet, String sheetName, IntFunction<String> sharedStrings,
                  IntFunction<SpreadsheetCells.NumberStyle> numberStyle, boolean date1904)
            throws XMLStreamException {
        this.sheetName = sheetName;
        this.xml = new XmlNameBound(FACTORY.createXMLStreamReader(bounded(sheet, "工作表“" + sheetName + "”的XML")), this::tooManyNames);
        this.sharedStrings = sharedStrings;
        this.numberStyle = numberStyle;
        this.date1904 = date1904;
    }

    /** The next row element of the sheet, or null after the last. */
    SheetRow next() throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == START_ELEMENT && "row".equals(xml.getLocalName())) {
                String r = xml.getAttributeValue(null, "r");
                lastRow = r == null ? lastRow + 1 : Long.parseLong(r.trim());
                if (lastRow < 1 || lastRow > MAX_ROWS) {
                    throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "工作表“" + sheetName + "”中行号为" + lastRow
                            + "的行超出Excel的行号范围（第1至" + MAX_ROWS + "行），不是Excel能保存的表格，文件已拒收", 0);
                }
                // hidden by the clerk, filtered out by an AutoFilter or folded in an outline: xsd:boolean, 1 or true
                String hidden = xml.getAttributeValue(null, "hidden");
                boolean isHidden = hidden != null && ("1".equals(hidden.trim()) || "true".equalsIgnoreCase(hidden.trim()));
                flaws = null;
                budget = MAX_ROW_CHARACTERS;
                List<String> cells = cells();
                return new SheetRow(lastRow, cells, flaws, isHidden);
            }
        }
        return null;
    }

    /**
     * A part's XML with {@link XmlMarkupBound} under the parser: an attribute value, comment or other markup the parser
     * reads whole is refused past {@link XmlRecordReader#MAX_MARKUP_CHARACTERS}, as in an XML export. A part's bytes
     * compress well enough to pass POI's zip-bomb ratio with hundreds of MB of one attribute.
     *
     * @param part the part as a refusal names it
     */
    static InputStream bounded(InputStream in, String part) throws XMLStreamException {
        try {
            BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
            return XmlMarkupBoundInput.over(buffered, new XmlMarkupBound(XmlRecordReader.MAX_MARKUP_CHARACTERS, part,
                    "不是Excel能保存的表格，文件已拒收"));
        } catch (IOException e) {
            throw new XMLStreamException(e);
        }
    }

    void close() throws XMLStreamException {
        xml.close();
    }

    private FileLevelException tooManyNames(int names, long line) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "工作表“" + sheetName + "”的XML到第" + lastRow + "行已出现" + names
                + "个不同的元素名与属性名，超过平台能读取的上限，不是Excel能保存的表格，文件已拒收", lastRow);
    }

    private List<String> cells() throws XMLStreamException {
        List<String> cells = new ArrayList<>();
        int column = -1;
        while (true) {
            int event = xml.next();
            if (event == END_ELEMENT && "row".equals(xml.getLocalName())) {
                return cells;
            }
            if (event == START_ELEMENT) {
                if (!"c".equals(xml.getLocalName())) {
                    skipElement();
                    continue;
                }
                String ref = xml.getAttributeValue(null, "r");
                column = ref == null ? column + 1 : columnIndex(ref);
                cellR = ref;
                cellColumn = column;
                if (column >= MAX_COLUMNS) {
                    // checked before the row is widened to the column: that is what would take the heap
                    throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "工作表“" + sheetName + "”第" + lastRow + "行单元格"
                            + cellRef() + "的列超出Excel的最大列XFD（第" + MAX_COLUMNS + "列），不是Excel能保存的表格，文件已拒收", lastRow);
                }
                String value = cell(xml.getAttributeValue(null, "t"), xml.getAttributeValue(null, "s"));
                if (value != null) {
                    // a shared string is only an index in the row: its text counts once rendered
                    spend(value.length());
                }
                if (value == null && cellFlaw == null) {
                    // a styled empty cell (Excel writes one for each formatted cell, out to XFD when a clerk formats
                    // whole rows by range): widening the row to it would hold thousands of empty cells per row
                    continue;
                }
                while (cells.size() <= column) {
                    cells.add(null);
                }
                cells.set(column, value);
                if (cellFlaw != null) {
                    flaws = CellFlaws.with(flaws, column, cellFlaw);
                }
            }
        }
    }

    /** Reads a {@code <c>} element to its end and renders its value. */
    private String cell(String type, String style) throws XMLStreamException {
        cellFlaw = null;
        String value = null;
        String inline = null;
        boolean formula = false;
        while (true) {
            int event = xml.next();
            if (event == END_ELEMENT && "c".equals(xml.getLocalName())) {
                break;
            }
            if (event == START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v" -> value = text(0);
                    case "is" -> inline = inlineString();
                    case "f" -> {
                        formula = true;
                        skipElement();
                    }
                    default -> skipElement();
                }
            }
        }
        if (formula && inline == null && (value == null || value.isBlank() && !"str".equals(type))) {
            // Excel always saves a formula's last result; a program that writes formulas without calculating them
            // does not (or writes an empty <v/>, as openpyxl does), and the cell the clerk sees filled would be read as
            // empty. Only a text result may be empty: Excel writes =IF(A2="","",…) as t="str" with an empty <v/>
            cellFlaw = CellFlaw.FORMULA_NOT_CALCULATED;
            return null;
        }
        return render(type == null ? "n" : type, value, inline, style);
    }

    private String render(String type, String value, String inline, String style) {
        switch (type) {
            case "inlineStr":
                return inline != null ? decode(inline) : value == null ? null : decode(value);
            case "s":
                return value == null || value.isBlank() ? null : sharedStrings.apply(Integer.parseInt(value.trim()));
            case "str":
                return value == null ? null : decode(value);
            case "b":
                return value == null || value.isBlank() ? null
                        : "1".equals(value.trim()) || "true".equalsIgnoreCase(value.trim()) ? "TRUE" : "FALSE";
            case "e":
                return value == null || value.isBlank() ? null : value.strip();
            case "d":
                return value == null || value.isBlank() ? null : isoDate(value.strip());
            default:
                return value == null || value.isBlank() ? null : number(value.strip(), style);
        }
    }

    private String number(String value, String style) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            // not a number in a number cell: hand the text on, so that the mapping names the field it breaks
            return value;
        }
        int index = style == null || style.isBlank() ? 0 : Integer.parseInt(style.trim());
        SpreadsheetCells.NumberStyle kind = numberStyle.apply(index);
        cellFlaw = SpreadsheetCells.digitsLost(d, kind) ? CellFlaw.DIGITS_LOST : null;
        return SpreadsheetCells.number(d, kind, date1904);
    }

    /** Strict OOXML's date cells ({@code t="d"}) carry ISO 8601 text: rendered as other dates are. */
    private static String isoDate(String value) {
        try {
            return SpreadsheetCells.ISO.format(LocalDateTime.parse(value));
        } catch (DateTimeParseException notDateTime) {
            try {
                return SpreadsheetCells.ISO.format(LocalDate.parse(value).atStartOfDay());
            } catch (DateTimeParseException notDate) {
                return value;
            }
        }
    }

    /** The text of an {@code <is>} element: its {@code <t>}, or its runs' {@code <t>} joined, without phonetic runs. */
    private String inlineString() throws XMLStreamException {
        return XlsxText.rich(xml, "is", budget, refusal);
    }

    /** The text of the element the reader stands on, refused once it passes what the row may still hold. */
    private String text(int held) throws XMLStreamException {
        return XlsxText.text(xml, held, budget, refusal);
    }

    private void spend(int characters) {
        if (characters > budget) {
            throw tooLong();
        }
        budget -= characters;
    }

    private FileLevelException tooLong() {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "工作表“" + sheetName + "”第" + lastRow + "行的文字到单元格" + cellRef()
                + "超过" + MAX_ROW_CHARACTERS + "个字符（各单元格合计），文件已拒收", lastRow);
    }

    private void skipElement() throws XMLStreamException {
        XlsxText.skipElement(xml);
    }

    /** The 0-based column of a cell reference such as {@code AB12}; any column past XFD as {@link #MAX_COLUMNS}. */
    static int columnIndex(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = Character.toUpperCase(ref.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            // stop before the int overflows: seven letters pass it, and more can wrap round to a column that looks valid
            column = Math.min(column * 26 + (c - 'A' + 1), MAX_COLUMNS + 1);
        }
        if (column == 0) {
            throw new IllegalArgumentException("not a cell reference: " + ref);
        }
        return column - 1;
    }

    /**
     * The reference of the cell being read, as a refusal names it: its {@code r}, or made up from its place; built only
     * for a refusal, not for every cell read.
     */
    private String cellRef() {
        if (cellR == null) {
            return columnName(cellColumn) + lastRow;
        }
        // a reference is a few characters; a forged one of any length must not fill the receipt
        return cellR.length() > 32 ? cellR.substring(0, 32) + "…" : cellR.strip();
    }

    /** The letters of a 0-based column: 0 is A, 16383 XFD. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }

    /**
     * SpreadsheetML escapes characters XML cannot carry as {@code _xHHHH_} (a carriage return is
     * {@code _x000D_}, an underscore before such a pattern {@code _x005F_}); Excel shows the character.
     */
    static String decode(String text) {
        int at = text.indexOf("_x");
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            if (at + 7 <= text.length() && text.charAt(at + 6) == '_' && isHex(text, at + 2, at + 6)) {
                out.append(text, from, at).append((char) Integer.parseInt(text.substring(at + 2, at + 6), 16));
                from = at + 7;
                at = text.indexOf("_x", from);
            } else {
                at = text.indexOf("_x", at + 1);
            }
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
