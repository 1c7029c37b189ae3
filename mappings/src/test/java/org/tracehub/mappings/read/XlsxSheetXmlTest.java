package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The XLSX reader on worksheet XML that POI's writer never produces but other office suites and
 * legacy exporters do: hand-written packages, so that every SpreadsheetML form is pinned down.
 */
class XlsxSheetXmlTest {

    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    @TempDir
    Path dir;

    @Test
    void joinsRichTextRunsAndLeavesPhoneticRunsOut() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>品名</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t>白条</t></r><r><t xml:space="preserve">猪 </t></r>\
                <rPh sb="0" eb="2"><t>ばいじょう</t></rPh><phoneticPr fontId="1"/></is></c></row>
                """, null, false);

        assertThat(readAll(file)).containsExactly(List.of("白条猪 "));
    }

    @Test
    void decodesTheEscapesSpreadsheetMlUsesForCharactersXmlCannotCarry() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>第一行_x000D_第二行_x005F_x0041_</t></is></c></row>
                <row r="3"><c r="A3" t="inlineStr"><is><t>_x00_ 和 _xZZZZ_ 原样</t></is></c></row>
                """, null, false);

        assertThat(readAll(file)).containsExactly(List.of("第一行\r第二行_x0041_"), List.of("_x00_ 和 _xZZZZ_ 原样"));
    }

    @Test
    void placesCellsAndRowsWithoutReferencesAfterTheOnesBefore() throws Exception {
        Path file = workbook("""
                <row r="1"><c t="inlineStr"><is><t>单号</t></is></c><c t="inlineStr"><is><t>重量</t></is></c>\
                <c r="D1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row><c><v>1</v></c><c><v>2.50</v></c><c r="D2" t="inlineStr"><is><t>甲</t></is></c></row>
                <row r="5"><c r="B5"><v>3</v></c></row>
                <row><c r="A6" s="0"/></row>
                """, null, false);

        List<RawRecord> rows = records(file);

        assertThat(rows).extracting(RawRecord::row).containsExactly(2L, 5L, 6L);
        assertThat(rows.get(0).cells()).containsExactly("1", "2.5", null, "甲");
        assertThat(rows.get(0).get("备注")).isEqualTo("甲");
        assertThat(rows.get(1).cells()).containsExactly(null, "3");
        // a styled empty cell holds no place in the row: the row is blank either way
        assertThat(rows.get(2).cells()).isEmpty();
        assertThat(rows.get(2).isBlank()).isTrue();
    }

    @Test
    void marksARowHiddenByEitherSpellingOfTheBoolean() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="2" hidden="1"><c r="A2"><v>1</v></c></row>
                <row r="3" hidden="true" outlineLevel="1"><c r="A3"><v>2</v></c></row>
                <row r="4" hidden="0"><c r="A4"><v>3</v></c></row>
                <row r="5" ht="15" customHeight="1"><c r="A5"><v>4</v></c></row>
                """, null, false);

        assertThat(records(file)).extracting(RawRecord::row, RawRecord::hidden)
                .containsExactly(tuple(2L, true), tuple(3L, true), tuple(4L, false), tuple(5L, false));
    }

    @Test
    void rendersEveryCellTypeOfSpreadsheetMl() throws Exception {
        String styles = """
                <styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
                <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="31" applyNumberFormat="1"/></cellXfs>
                </styleSheet>""".formatted(MAIN);
        Path file = workbook("""
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>c</t></is></c>\
                <c r="D1" t="inlineStr"><is><t>d</t></is></c><c r="E1" t="inlineStr"><is><t>e</t></is></c>\
                <c r="F1" t="inlineStr"><is><t>f</t></is></c><c r="G1" t="inlineStr"><is><t>g</t></is></c>\
                <c r="H1" t="inlineStr"><is><t>h</t></is></c></row>
                <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>46353.5</v></c><c r="C2" s="2"><v>46353</v></c>\
                <c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F2" t="str"><f>A2&amp;"x"</f><v>白条x</v></c>\
                <c r="G2" t="d"><v>2026-11-27T08:30:00</v></c><c r="H2"><v>十二点五</v></c></row>
                """, styles, true);

        assertThat(readAll(file)).containsExactly(
                List.of("白条", "2026-11-27T12:00:00", "2026-11-27T00:00:00", "FALSE", "#DIV/0!", "白条x", "2026-11-27T08:30:00", "十二点五"));
    }

    /** openpyxl writes every formula as {@code <f>…</f><v/>}: the empty result was read as a blank cell the clerk sees filled. */
    @Test
    void aFormulaWithAnEmptyResultIsNotCalculatedUnlessItsResultIsText() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单价</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c>\
                <c r="C1" t="inlineStr"><is><t>合计</t></is></c><c r="D1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="2"><c r="A2"><v>2</v></c><c r="B2"><f>A2*3</f><v/></c><c r="C2" t="n"><f>A2*4</f><v></v></c>\
                <c r="D2" t="str"><f>IF(A2="","",A2)</f><v/></c></row>
                <row r="3"><c r="B3"><f>A3*3</f><v></v></c></row>
                """, null, false);

        List<RawRecord> rows = records(file);

        assertThat(rows).extracting(RawRecord::row).containsExactly(2L, 3L);
        assertThat(rows.get(0).flawAt(2)).isEqualTo(CellFlaw.FORMULA_NOT_CALCULATED);
        assertThat(rows.get(0).flawAt(3)).isEqualTo(CellFlaw.FORMULA_NOT_CALCULATED);
        // Excel's own empty text result (=IF(…,"",…)) is calculated: blank, and no flaw
        assertThat(rows.get(0).flawAt(4)).isNull();
        assertThat(rows.get(0).get("备注")).isNullOrEmpty();
        assertThat(rows.get(1).flawAt(2)).isEqualTo(CellFlaw.FORMULA_NOT_CALCULATED);
    }

    @Test
    void honoursTheDate1904FlagOfWorkbookXml() throws Exception {
        String styles = """
                <styleSheet xmlns="%s"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"""
                .formatted(MAIN);
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row>
                <row r="2"><c r="A2" s="1"><v>0</v></c></row>
                """, styles, false, true);

        assertThat(readAll(file)).containsExactly(List.of("1904-01-01T00:00:00"));
    }

    @Test
    void refusesBrokenSheetXmlAsAMalformedFile() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="2"><c r="A2"><v>1</v></row>
                """, null, false);

        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).startsWith("xlsx文件内容已损坏，无法读取：");
        });
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCellPastColumnXfdIsRefusedBeforeItsRowIsWidenedToIt() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>
                """, null, false);

        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("工作表“明细”第2行单元格ZZZZZZ2的列超出Excel的最大列XFD（第16384列），不是Excel能保存的表格，文件已拒收");
            assertThat(e.row()).isEqualTo(2);
        });
    }

    @Test
    void aColumnTooLongToCountInAnIntIsRefusedNotWrappedRound() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="2"><c r="AAAAAAAAAAAAAAAAAAAA2"><v>1</v></c><c><v>2</v></c></row>
                """, null, false);

        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(FileLevelException.class,
                e -> assertThat(e.getMessage()).startsWith("工作表“明细”第2行单元格AAAAAAAAAAAAAAAAAAAA2的列超出Excel的最大列XFD"));
    }

    @Test
    void readsACellInColumnXfdAndRefusesTheCellAfterIt() throws Exception {
        Path last = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="2"><c r="A2"><v>1</v></c><c r="XFD2" t="inlineStr"><is><t>末列</t></is></c></row>
                """, null, false);

        List<String> cells = readAll(last).get(0);
        assertThat(cells).hasSize(16_384);
        assertThat(cells.get(16_383)).isEqualTo("末列");

        // a cell without a reference follows the one before it: past XFD, and named as Excel would name it
        Path beyond = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="2"><c r="XFD2"><v>1</v></c><c><v>2</v></c></row>
                """, null, false);

        assertThatThrownBy(() -> readAll(beyond)).isInstanceOfSatisfying(FileLevelException.class,
                e -> assertThat(e.getMessage()).startsWith("工作表“明细”第2行单元格XFE2的列超出Excel的最大列XFD"));
    }

    /** Excel writes a cell for each formatted one, value or not: a row formatted out to XFD is as wide as its last value. */
    @Test
    void aStyledEmptyCellDoesNotWidenItsRow() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c><c r="B1" t="inlineStr"><is><t>重量</t></is></c><c r="XFD1" s="1"/></row>
                <row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"/><c r="C2" s="1"/><c r="XFD2" s="1"/></row>
                """, null, false);

        List<RawRecord> rows = records(file);

        assertThat(rows.get(0).cells()).containsExactly("1");
        assertThat(rows.get(0).get("重量")).isNull();
    }

    @Test
    void readsExcelsLastRowAndRefusesARowNumberedPastIt() throws Exception {
        Path last = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="1048576"><c r="A1048576"><v>1</v></c></row>
                """, null, false);

        assertThat(records(last)).extracting(RawRecord::row).containsExactly(1_048_576L);

        Path beyond = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="1048577"><c r="A1048577"><v>1</v></c></row>
                """, null, false);

        assertThatThrownBy(() -> readAll(beyond)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("工作表“明细”中行号为1048577的行超出Excel的行号范围（第1至1048576行），不是Excel能保存的表格，文件已拒收");
        });
    }

    @Test
    void aCellWhoseTextPassesTheRecordBoundIsRefused() throws Exception {
        Path file = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c><c r="B1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="5"><c r="A5"><v>1</v></c><c r="B5" t="str"><v>%s</v></c></row>
                """.formatted(letters(XlsxSheetRows.MAX_ROW_CHARACTERS + 1)), null, false);

        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("工作表“明细”第5行的文字到单元格B5超过" + XlsxSheetRows.MAX_ROW_CHARACTERS
                    + "个字符（各单元格合计），文件已拒收");
            assertThat(e.row()).isEqualTo(5);
        });
    }

    @Test
    void aRowWhoseCellsTogetherPassTheRecordBoundIsRefusedAtTheCellThatPassesIt() throws Exception {
        String half = letters(XlsxSheetRows.MAX_ROW_CHARACTERS / 2);
        Path atTheBound = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c><c r="B1" t="inlineStr"><is><t>乙</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>%s</t></is></c><c r="B2" t="inlineStr"><is><r><t>%s</t></r></is></c></row>
                """.formatted(half, half), null, false);

        assertThat(readAll(atTheBound).get(0)).containsExactly(half, half);

        // the runs of one inline string count together, and the row's earlier cells with them
        Path past = workbook("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c><c r="B1" t="inlineStr"><is><t>乙</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>%s</t></is></c><c r="B2" t="inlineStr"><is><r><t>%s</t></r><r><t>x</t></r></is></c>\
                <c r="C2"><v>1</v></c></row>
                """.formatted(half, half), null, false);

        assertThatThrownBy(() -> readAll(past)).isInstanceOfSatisfying(FileLevelException.class,
                e -> assertThat(e.getMessage()).startsWith("工作表“明细”第2行的文字到单元格B2超过"));
    }

    @Test
    void readsSharedStringsByPlaceWithRichRunsJoinedAndPhoneticRunsLeftOut() throws Exception {
        Path file = write(dir.resolve("共享.xlsx"), """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c>\
                <c r="D1" t="s"><v>4</v></c><c r="E1" t="inlineStr"><is><t>空</t></is></c></row>
                <row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>6</v></c>\
                <c r="D2" t="s"><v>7</v></c><c r="E2" t="s"><v>8</v></c></row>
                """, null, sharedStrings("""
                <si><t>品名</t></si><si><t>品名</t></si><si><t>规格</t></si><si><t>产地</t></si><si><t>备注</t></si>\
                <si><r><rPr><b/><sz val="11"/></rPr><t>白条</t></r><r><t xml:space="preserve">猪 </t></r>\
                <rPh sb="0" eb="2"><t>ばいじょう</t></rPh><phoneticPr fontId="1"/></si>\
                <si><t><![CDATA[<散装>]]> &amp; 袋装</t></si><si><t>第一行_x000D_第二行</t></si><si><t/></si>"""), false);

        // the second 品名 keeps its place: a cell's index is the item's position, duplicates counted
        assertThat(readAll(file)).containsExactly(Arrays.asList("白条猪 ", "品名", "<散装> & 袋装", "第一行\r第二行", ""));
    }

    @Test
    void aSharedStringPastTheBoundIsRefusedAsItIsReadNamingThePartAndTheBound() throws Exception {
        String half = letters(XlsxSharedStrings.MAX_CHARACTERS / 2);
        String rows = """
                <row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="2"><c r="A2" t="s"><v>1</v></c></row>
                """;
        Path atTheBound = write(dir.resolve("界内.xlsx"), rows, null,
                sharedStrings("<si><t>甲</t></si><si><r><t>" + half + "</t></r><r><t>" + half + "</t></r></si>"), false);

        assertThat(readAll(atTheBound)).containsExactly(List.of(half + half));

        // no cell refers to it: a string no row could carry and no Excel writes is refused all the same, before it is held
        Path past = write(dir.resolve("界外.xlsx"), rows, null, sharedStrings("<si><t>甲</t></si><si><t>乙</t></si>"
                + "<si><r><t>" + half + "</t></r><r><t>" + half + "</t></r><r><t>x</t></r></si>"), false);

        assertThatThrownBy(() -> readAll(past)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的共享字符串表（sharedStrings，/xl/sharedStrings.xml）第3项超过"
                    + XlsxSharedStrings.MAX_CHARACTERS + "个字符（Excel一个单元格最多32767个字符），不是Excel能保存的表格，文件已拒收");
            assertThat(e.row()).isZero();
        });
    }

    @Test
    void aWorkbookOfMoreSheetsThanTheBoundIsRefusedBeforePoiReadsItsSheetList() throws Exception {
        StringBuilder sheets = new StringBuilder(SHEET);
        for (int i = 2; i <= WorkbookPart.MAX_SHEETS; i++) {
            sheets.append("<sheet name=\"表").append(i).append("\" sheetId=\"").append(i).append("\" r:id=\"rId").append(i + 10).append("\"/>");
        }
        // as many as the bound: the reader's own pass reads them (POI then finds no part for the second)
        assertThat(WorkbookPart.read(new java.io.ByteArrayInputStream(("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"urn:r\"><sheets>"
                + sheets + "</sheets></workbook>").getBytes(StandardCharsets.UTF_8))).hiddenSheets()).isEmpty();

        sheets.append("<sheet name=\"再一个\" sheetId=\"9999\" r:id=\"rId9999\"/>");
        Path file = write(dir.resolve("工作表.xlsx"), sheet("", ""), workbook("", sheets.toString(), ""), null, null);

        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的工作簿（workbook.xml）中工作表超过" + WorkbookPart.MAX_SHEETS
                    + "个，超过平台能读取的上限，文件已拒收");
        });
    }

    @Test
    void aWorkbookWhoseSheetNamesPassTheBoundTogetherIsRefused() throws Exception {
        int length = WorkbookPart.MAX_SHEET_CHARACTERS / 4;
        String sheets = SHEET + "<sheet name=\"" + letters(length) + "\" sheetId=\"2\" r:id=\"rId12\"/>"
                + "<sheet name=\"" + letters(length + 1) + "\" sheetId=\"3\" r:id=\"rId13\"/>";
        Path within = write(dir.resolve("名称界内.xlsx"), sheet("", ""), workbook("", sheets, ""), null, null);

        // within the bound, POI reads the list, and finds no part for the second sheet
        assertThatThrownBy(() -> readAll(within)).isInstanceOfSatisfying(FileLevelException.class,
                e -> assertThat(e.getMessage()).startsWith("xlsx文件内容已损坏，无法读取："));

        String more = sheets + "<sheet name=\"" + letters(length + 2) + "\" sheetId=\"4\" r:id=\"rId14\"/>"
                + "<sheet name=\"" + letters(length + 3) + "\" sheetId=\"5\" r:id=\"rId15\"/>";
        Path past = write(dir.resolve("名称界外.xlsx"), sheet("", ""), workbook("", more, ""), null, null);

        assertThatThrownBy(() -> readAll(past)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的工作簿（workbook.xml）中工作表的名称等属性合计超过" + WorkbookPart.MAX_SHEET_CHARACTERS
                    + "个字符（Excel的工作表名称最多31个字符），不是Excel能保存的表格，文件已拒收");
        });
    }

    @Test
    void markupPastTheBoundInTheWorkbookPartIsRefusedNamingThePart() throws Exception {
        String value = letters(XmlRecordReader.MAX_MARKUP_CHARACTERS + 1);
        Path workbook = write(dir.resolve("工作簿标记.xlsx"), sheet("", ""), workbook("<workbookPr codeName=\"" + value + "\"/>", SHEET, ""),
                null, null);

        assertThatThrownBy(() -> readAll(workbook)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的工作簿（workbook.xml）的XML第2行开始的属性值超过"
                    + XmlRecordReader.MAX_MARKUP_CHARACTERS + "个字符，不是Excel能保存的表格，文件已拒收");
        });
    }

    @Test
    void markupPastTheBoundInTheStylesPartIsRefusedNamingThePart() throws Exception {
        String value = letters(XmlRecordReader.MAX_MARKUP_CHARACTERS + 1);
        Path styles = write(dir.resolve("样式标记.xlsx"), sheet("", ""), workbook("", SHEET, ""),
                text("<styleSheet xmlns=\"" + MAIN + "\"><!--" + value + "--></styleSheet>"), null);

        assertThatThrownBy(() -> readAll(styles)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的样式表（styles，/xl/styles.xml）的XML第2行开始的注释超过"
                    + XmlRecordReader.MAX_MARKUP_CHARACTERS + "个字符，不是Excel能保存的表格，文件已拒收");
        });
    }

    /** Text that does not compress like a zip bomb (POI would refuse the sheet before the reader saw it). */
    static String letters(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private List<List<String>> readAll(Path file) {
        return records(file).stream().map(RawRecord::cells).toList();
    }

    private static List<RawRecord> records(Path file) {
        List<RawRecord> rows = new ArrayList<>();
        try (XlsxRecordReader reader = new XlsxRecordReader(file, null, 1)) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    private Path workbook(String rows, String styles, boolean sharedStrings) throws Exception {
        return workbook(rows, styles, sharedStrings, false);
    }

    private Path workbook(String rows, String styles, boolean sharedStrings, boolean date1904) throws Exception {
        return write(dir.resolve("手写.xlsx"), rows, styles, sharedStrings, date1904);
    }

    /** A minimal package: one sheet 明细 of the given rows, optional styles, optional shared strings 白条, 重量, 白条. */
    static Path write(Path file, String rows, String styles, boolean sharedStrings, boolean date1904) throws Exception {
        return write(file, rows, styles, sharedStrings ? sharedStrings("<si><t>白条</t></si><si><t>重量</t></si>"
                + "<si><r><t>白</t></r><r><t>条</t></r></si>") : null, date1904);
    }

    /** A shared-strings part of these {@code <si>} items. */
    static Part sharedStrings(String items) {
        return out -> out.write(("<sst xmlns=\"" + MAIN + "\">" + items + "</sst>").getBytes(StandardCharsets.UTF_8));
    }

    /** The content of a part, written into the zip as it is made: a part of hundreds of MB is never held. */
    interface Part {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A minimal package: one sheet 明细 of the given rows, optional styles, an optional shared-strings part. */
    static Path write(Path file, String rows, String styles, Part sharedStrings, boolean date1904) throws Exception {
        return write(file, sheet(rows, ""), workbook(date1904 ? "<workbookPr date1904=\"1\"/>" : "", SHEET, ""),
                styles == null ? null : text(styles), sharedStrings);
    }

    /** The one sheet of {@link #workbook(String, String, String)}'s list, 明细 of relationship rId1. */
    static final String SHEET = "<sheet name=\"明细\" sheetId=\"1\" r:id=\"rId1\"/>";

    /** A worksheet part of these rows, and after its sheetData what Excel writes there ({@code <mergeCells>} …). */
    static Part sheet(String rows, String afterSheetData) {
        return text("<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + rows + "</sheetData>" + afterSheetData + "</worksheet>");
    }

    /** A workbook part: what comes before its sheet list, the list's {@code <sheet>} elements, and what comes after it. */
    static Part workbook(String beforeSheets, String sheets, String afterSheets) {
        return text("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + beforeSheets + "<sheets>" + sheets + "</sheets>" + afterSheets + "</workbook>");
    }

    static Part text(String xml) {
        return out -> out.write(xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A minimal package of these parts, each written into the zip as it is made: one worksheet (the workbook's
     * relationship rId1), optional styles, optional shared strings.
     */
    static Path write(Path file, Part sheet, Part workbook, Part styles, Part sharedStrings) throws Exception {
        String types = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (styles == null ? "" : "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
                + (sharedStrings != null ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" : "")
                + "</Types>";
        String rootRels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>";
        String workbookRels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (styles == null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
                + (sharedStrings != null ? "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" : "")
                + "</Relationships>";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "[Content_Types].xml", text(types));
            entry(zip, "_rels/.rels", text(rootRels));
            entry(zip, "xl/workbook.xml", workbook);
            entry(zip, "xl/_rels/workbook.xml.rels", text(workbookRels));
            entry(zip, "xl/worksheets/sheet1.xml", sheet);
            if (styles != null) {
                entry(zip, "xl/styles.xml", styles);
            }
            if (sharedStrings != null) {
                entry(zip, "xl/sharedStrings.xml", sharedStrings);
            }
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, Part part) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(DECLARATION.getBytes(StandardCharsets.UTF_8));
        part.writeTo(zip);
        zip.closeEntry();
    }
}
