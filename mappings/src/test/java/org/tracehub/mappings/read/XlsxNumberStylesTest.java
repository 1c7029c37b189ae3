package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.poi.xssf.model.StylesTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.validation.ErrorCodes;

/** The number styles of an .xlsx styles part, read as POI's StylesTable read them, and refused past Excel's bounds. */
class XlsxNumberStylesTest {

    private static final String MAIN = XlsxSheetXmlTest.MAIN;
    private static final String PART = "/xl/styles.xml";

    @ParameterizedTest
    @ValueSource(strings = {
        // dates built-in and custom, Chinese Excel's date ids without a code, percentages, zeros, text, General
        "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
                + "<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/><numFmt numFmtId=\"166\" formatCode=\"000000\"/>"
                + "<numFmt numFmtId=\"167\" formatCode=\"&quot;No.&quot;0000\"/></numFmts>"
                + "<cellXfs count=\"12\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/><xf numFmtId=\"31\"/>"
                + "<xf numFmtId=\"57\"/><xf numFmtId=\"9\"/><xf numFmtId=\"10\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
                + "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"49\"/><xf/><xf numFmtId=\"200\"/></cellXfs>",
        // ids as XMLBeans reads them: blanks collapsed, a sign, cut to a short, one past 2^32 wrapping to General's 0
        "<numFmts><numFmt numFmtId=\"0\" formatCode=\"yyyy-mm-dd\"/><numFmt numFmtId=\"-1\" formatCode=\"hh:mm\"/>"
                + "<numFmt numFmtId=\"4464\" formatCode=\"0%\"/></numFmts>"
                + "<cellXfs><xf numFmtId=\" 14 \"/><xf numFmtId=\"+14\"/><xf numFmtId=\"-1\"/><xf numFmtId=\"70000\"/>"
                + "<xf numFmtId=\"4294967296\"/><xf/><xf numFmtId=\"65567\"/><xf numFmtId=\"abc\"/></cellXfs>",
        // numFmts after cellXfs; the first cellXfs and numFmts only; the last numFmt of an id, one without a code
        // leaving the built-in; elements of another namespace and deeper ones left out
        "<cellXfs><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/><xf numFmtId=\"165\"/><x:xf xmlns:x=\"urn:x\" numFmtId=\"14\"/>"
                + "<xf numFmtId=\"9\" xmlns:x=\"urn:x\" x:numFmtId=\"14\"><extLst><xf numFmtId=\"14\"/></extLst></xf></cellXfs>"
                + "<cellXfs><xf numFmtId=\"14\"/><xf numFmtId=\"14\"/><xf numFmtId=\"14\"/><xf numFmtId=\"14\"/></cellXfs>"
                + "<numFmts><numFmt numFmtId=\"164\" formatCode=\"0.00\"/><numFmt numFmtId=\"164\" formatCode=\"m/d\"/>"
                + "<numFmt numFmtId=\"14\"/><numFmt numFmtId=\"165\" formatCode=\"0%\"/></numFmts>"
                + "<numFmts><numFmt numFmtId=\"165\" formatCode=\"yyyy\"/></numFmts>"
                + "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><dxfs><dxf><numFmt numFmtId=\"9\" formatCode=\"yyyy\"/></dxf></dxfs>",
        // no cell formats at all
        "<fonts><font/></fonts>"
    })
    void showsEveryCellFormatAsPoisStylesTableDid(String content) throws Exception {
        String styles = "<styleSheet xmlns=\"" + MAIN + "\">" + content + "</styleSheet>";

        assertThat(describe(read(styles), 20)).isEqualTo(describe(poi(styles), 20));
    }

    @Test
    void readsTheDatesPercentagesAndZerosOfItsFormats() throws Exception {
        IntFunction<SpreadsheetCells.NumberStyle> styles = read("<styleSheet xmlns=\"" + MAIN + "\"><numFmts>"
                + "<numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d h:mm\"/><numFmt numFmtId=\"165\" formatCode=\"000000\"/></numFmts>"
                + "<cellXfs><xf/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/><xf numFmtId=\"165\"/><xf numFmtId=\"31\"/></cellXfs></styleSheet>");

        assertThat(describe(styles, 5)).containsExactly("PLAIN", "PLAIN", "DATE", "PERCENT", "ZEROS6", "DATE", "PLAIN", "PLAIN");
    }

    @Test
    void readsAsManyCellFormatsAsTheBoundAndRefusesOneMore() throws Exception {
        assertThat(read(cellFormats(XlsxNumberStyles.MAX_CELL_FORMATS)).apply(XlsxNumberStyles.MAX_CELL_FORMATS - 1))
                .isSameAs(SpreadsheetCells.NumberStyle.DATE);

        assertThatThrownBy(() -> read(cellFormats(XlsxNumberStyles.MAX_CELL_FORMATS + 1)))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                    assertThat(e.getMessage()).isEqualTo("xlsx文件的样式表（styles，/xl/styles.xml）中单元格格式（cellXfs中的xf）超过"
                            + XlsxNumberStyles.MAX_CELL_FORMATS + "个（Excel最多65490个），不是Excel能保存的表格，文件已拒收");
                });
    }

    @Test
    void readsAsManyNumberFormatsAsTheBoundAndRefusesOneMore() throws Exception {
        assertThat(read(numberFormats(XlsxNumberStyles.MAX_NUMBER_FORMATS, "yyyy")).apply(0)).isSameAs(SpreadsheetCells.NumberStyle.DATE);

        assertThatThrownBy(() -> read(numberFormats(XlsxNumberStyles.MAX_NUMBER_FORMATS + 1, "yyyy")))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
                    assertThat(e.getMessage()).isEqualTo("xlsx文件的样式表（styles，/xl/styles.xml）中自定义数字格式（numFmts中的numFmt）超过"
                            + XlsxNumberStyles.MAX_NUMBER_FORMATS + "个（Excel最多约250个），不是Excel能保存的表格，文件已拒收");
                });
    }

    @Test
    void readsAFormatCodeAtTheBoundAndRefusesALongerOne() throws Exception {
        String atTheBound = "yyyy" + "\\ ".repeat((XlsxNumberStyles.MAX_FORMAT_CODE_CHARACTERS - 4) / 2);

        assertThat(read(numberFormats(1, atTheBound)).apply(0)).isSameAs(SpreadsheetCells.NumberStyle.DATE);
        assertThatThrownBy(() -> read(numberFormats(1, atTheBound + "0"))).isInstanceOfSatisfying(FileLevelException.class,
                e -> assertThat(e.getMessage()).isEqualTo("xlsx文件的样式表（styles，/xl/styles.xml）中编号为164的数字格式超过"
                        + XlsxNumberStyles.MAX_FORMAT_CODE_CHARACTERS + "个字符，不是Excel能保存的表格，文件已拒收"));
    }

    @Test
    void refusesANumberFormatWhoseIdIsNoNumberAsPoisStylesTableDid() {
        String styles = "<styleSheet xmlns=\"" + MAIN + "\"><numFmts><numFmt numFmtId=\"abc\" formatCode=\"yyyy\"/></numFmts></styleSheet>";

        assertThatThrownBy(() -> poi(styles)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> read(styles)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的样式表（styles，/xl/styles.xml）中数字格式的编号“abc”不是数字，xlsx文件内容已损坏，无法读取");
        });
    }

    @Test
    void refusesAStylesPartThatIsNoStyleSheet() {
        assertThatThrownBy(() -> read("<styleSheet xmlns=\"urn:x\"><cellXfs><xf numFmtId=\"14\"/></cellXfs></styleSheet>"))
                .hasMessageContaining("no styleSheet");
    }

    /** {@code count} cell formats, the last of a date's id (14). */
    private static String cellFormats(int count) {
        StringBuilder xml = new StringBuilder("<styleSheet xmlns=\"" + MAIN + "\"><cellXfs>");
        for (int i = 1; i < count; i++) {
            xml.append("<xf numFmtId=\"").append(i % 10).append("\"/>");
        }
        return xml.append("<xf numFmtId=\"14\"/></cellXfs></styleSheet>").toString();
    }

    /** {@code count} custom number formats from id 164, the first of this code, and a cell format of it. */
    private static String numberFormats(int count, String first) {
        StringBuilder xml = new StringBuilder("<styleSheet xmlns=\"" + MAIN + "\"><numFmts>");
        xml.append("<numFmt numFmtId=\"164\" formatCode=\"").append(first).append("\"/>");
        for (int i = 1; i < count; i++) {
            xml.append("<numFmt numFmtId=\"").append(164 + i).append("\" formatCode=\"0.").append("0".repeat(i % 5)).append("\"/>");
        }
        return xml.append("</numFmts><cellXfs><xf numFmtId=\"164\"/></cellXfs></styleSheet>").toString();
    }

    private static IntFunction<SpreadsheetCells.NumberStyle> read(String styles) throws Exception {
        return XlsxNumberStyles.read(stream(styles), PART);
    }

    /** How the reader asked POI before: StylesTable, and the cell style at each index. */
    private static IntFunction<SpreadsheetCells.NumberStyle> poi(String styles) throws Exception {
        StylesTable table = new StylesTable(stream(styles));
        List<SpreadsheetCells.NumberStyle> kinds = new ArrayList<>();
        for (int i = 0; i < table.getNumCellStyles(); i++) {
            try {
                kinds.add(SpreadsheetCells.numberStyle(table.getStyleAt(i)));
            } catch (RuntimeException e) {
                kinds.add(SpreadsheetCells.NumberStyle.PLAIN);
            }
        }
        return index -> index >= 0 && index < kinds.size() ? kinds.get(index) : SpreadsheetCells.NumberStyle.PLAIN;
    }

    private static InputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The styles at -1 … {@code last} + 1, by name. */
    private static List<String> describe(IntFunction<SpreadsheetCells.NumberStyle> styles, int last) {
        List<String> names = new ArrayList<>();
        for (int i = -1; i <= last + 1; i++) {
            SpreadsheetCells.NumberStyle style = styles.apply(i);
            names.add(style == SpreadsheetCells.NumberStyle.DATE ? "DATE" : style == SpreadsheetCells.NumberStyle.PERCENT ? "PERCENT"
                    : style == SpreadsheetCells.NumberStyle.PLAIN ? "PLAIN" : "ZEROS" + style.width);
        }
        return names;
    }
}
