package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows that the XLSX reader's heap does not grow with the workbook: 30 000 rows of eight columns
 * with 60 000 distinct strings are read in a child JVM limited to 32 MB of heap, where POI's
 * whole-workbook model runs out of memory on the same file; and that a sheet written to fill the
 * heap (a cell past column XFD, a cell of 40 million characters, an attribute value of as many, a shared string of
 * 300 MB, millions of distinct element names, a content-types or relationships part of hundreds of thousands of
 * elements) is refused within that heap.
 */
@Tag("slow")
// each test waits for its own child JVM, mostly: side by side they take a fraction of the time (the surefire configuration in pom.xml)
@Execution(ExecutionMode.CONCURRENT)
class XlsxStreamingMemoryTest {

    private static final int ROWS = 30_000;
    private static final String HEAP = "-Xmx32m";
    private static final String ONE_ROW = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>
            """;

    @TempDir
    static Path dir;

    private static Path workbook;

    @BeforeAll
    static void writeALargeWorkbook() throws Exception {
        workbook = dir.resolve("large.xlsx");
        // shared strings, as Excel writes them, so that the reader's temp-file strings table is exercised too
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true)) {
            Sheet sheet = wb.createSheet("明细");
            Row header = sheet.createRow(0);
            String[] names = {"单号", "追溯码", "品名", "买方", "重量", "单价", "日期", "备注"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int r = 1; r <= ROWS; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("XJ2026112700" + r);
                row.createCell(1).setCellValue("XJM26112700" + r);
                row.createCell(2).setCellValue(r % 2 == 0 ? "白条猪" : "猪五花肉");
                row.createCell(3).setCellValue("上海某某餐饮管理有限公司第" + (r % 50) + "分店");
                row.createCell(4).setCellValue(r * 1.5);
                row.createCell(5).setCellValue(12.8);
                row.createCell(6).setCellValue(46353 + r % 30);
                row.createCell(7).setCellValue("备注" + r);
            }
            try (OutputStream out = Files.newOutputStream(workbook)) {
                wb.write(out);
            }
        }
    }

    @Test
    void readsEveryRowWithinASmallHeap() throws Exception {
        Result result = run("stream");

        assertThat(result.output()).as(result.output()).contains("rows=" + ROWS);
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void theWholeWorkbookModelDoesNotFitInTheSameHeap() throws Exception {
        Result result = run("load");

        assertThat(result.output()).contains("OutOfMemoryError");
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void aCellPastColumnXfdIsRefusedWithinASmallHeap() throws Exception {
        Path file = XlsxSheetXmlTest.write(dir.resolve("column.xlsx"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c></row>
                <row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>
                """, null, false, false);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output()).contains("refused=FILE_MALFORMED 工作表“明细”第2行单元格ZZZZZZ2的列超出Excel的最大列XFD");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aCellOfFortyMillionCharactersIsRefusedWithinASmallHeap() throws Exception {
        // two letters at random: about 5 MB compressed, within POI's zip-bomb ratio, and 40 MB of text in one cell
        Random random = new Random(40);
        StringBuilder text = new StringBuilder(40_000_000);
        for (int i = 0; i < 40_000_000; i++) {
            text.append(random.nextBoolean() ? 'a' : 'b');
        }
        Path file = XlsxSheetXmlTest.write(dir.resolve("text.xlsx"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>%s</t></is></c></row>
                """.formatted(text), null, false, false);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output()).contains("refused=FILE_MALFORMED 工作表“明细”第2行的文字到单元格A2超过");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anAttributeValueOfFortyMillionCharactersIsRefusedWithinASmallHeap() throws Exception {
        // the parser reads a tag with its attribute values whole, before any cell is rendered
        Random random = new Random(41);
        StringBuilder value = new StringBuilder(40_000_000);
        for (int i = 0; i < 40_000_000; i++) {
            value.append(random.nextBoolean() ? 'a' : 'b');
        }
        Path file = XlsxSheetXmlTest.write(dir.resolve("attribute.xlsx"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr" note="%s"><is><t>x</t></is></c></row>
                """.formatted(value), null, false, false);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output())
                .contains("refused=FILE_MALFORMED 工作表“明细”的XML第3行开始的属性值超过1000000个字符，不是Excel能保存的表格，文件已拒收");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aSharedStringOfThreeHundredMegabytesIsRefusedWithinASmallHeap() throws Exception {
        // made as it is zipped: 1 KB of two letters at random, then nine copies of it, over and over. About 9 MB
        // compressed, within POI's zip-bomb ratio; the sharedStrings part that the table of strings reads first
        Random random = new Random(300);
        byte[] block = new byte[10 * 1024];
        Path file = XlsxSheetXmlTest.write(dir.resolve("shared.xlsx"), """
                <row r="1"><c r="A1" t="s"><v>0</v></c></row>
                <row r="2"><c r="A2" t="s"><v>1</v></c></row>
                """, null, out -> {
                    out.write(("<sst xmlns=\"" + XlsxSheetXmlTest.MAIN + "\"><si><t>备注</t></si><si><t>")
                            .getBytes(StandardCharsets.UTF_8));
                    for (long written = 0; written < 300L * 1024 * 1024; written += block.length) {
                        for (int i = 0; i < 1024; i++) {
                            block[i] = (byte) (random.nextBoolean() ? 'a' : 'b');
                        }
                        for (int copy = 1; copy < 10; copy++) {
                            System.arraycopy(block, 0, block, copy * 1024, 1024);
                        }
                        out.write(block);
                    }
                    out.write("</t></si></sst>".getBytes(StandardCharsets.UTF_8));
                }, false);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output())
                .contains("refused=FILE_MALFORMED xlsx文件的共享字符串表（sharedStrings，/xl/sharedStrings.xml）第2项超过");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aSheetOfTwoMillionDistinctElementNamesIsRefusedWithinASmallHeap() throws Exception {
        // names no reader looks at, inside a row: the parser keeps every distinct name it has read
        StringBuilder names = new StringBuilder(20_000_000);
        for (int i = 0; i < 2_000_000; i++) {
            names.append("<n").append(Integer.toString(i, 36)).append("/>");
        }
        Path file = XlsxSheetXmlTest.write(dir.resolve("names.xlsx"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c>%s</row>
                """.formatted(names), null, false, false);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output()).contains("refused=FILE_MALFORMED 工作表“明细”的XML到第2行已出现");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void twoMillionMergedRangesAreRefusedWithinASmallHeap() throws Exception {
        // each <mergeCell> is kept for the whole sheet: about 40 bytes apiece, 80 MB of ranges from a zip of a few MB
        Path file = XlsxSheetXmlTest.write(dir.resolve("merged.xlsx"), out -> {
            out.write(("<worksheet xmlns=\"" + XlsxSheetXmlTest.MAIN + "\"><sheetData>"
                    + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>备注</t></is></c></row></sheetData><mergeCells>")
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 2_000_000; i++) {
                int row = 2 + i / 8;
                String first = XlsxSheetRows.columnName(2 * (i % 8));
                String last = XlsxSheetRows.columnName(2 * (i % 8) + 1);
                out.write(("<mergeCell ref=\"" + first + row + ":" + last + row + "\"/>").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("</mergeCells></worksheet>".getBytes(StandardCharsets.UTF_8));
        }, XlsxSheetXmlTest.workbook("", XlsxSheetXmlTest.SHEET, ""), null, null);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output())
                .contains("refused=FILE_MALFORMED 工作表“明细”中合并单元格的区域超过" + MergedRanges.MAX_RANGES + "个");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aMillionCellFormatsInTheStylesPartAreRefusedWithinASmallHeap() throws Exception {
        // POI's StylesTable parsed styles.xml whole into XMLBeans' tree: hundreds of bytes a format
        Random random = new Random(1);
        Path file = XlsxSheetXmlTest.write(dir.resolve("xfs.xlsx"), XlsxSheetXmlTest.sheet(ONE_ROW, ""),
                XlsxSheetXmlTest.workbook("", XlsxSheetXmlTest.SHEET, ""), out -> {
                    out.write(("<styleSheet xmlns=\"" + XlsxSheetXmlTest.MAIN + "\"><cellXfs>").getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write(("<xf numFmtId=\"" + random.nextInt(200) + "\" fontId=\"" + random.nextInt(1000) + "\"/>")
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("</cellXfs></styleSheet>".getBytes(StandardCharsets.UTF_8));
                }, null);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output()).contains("refused=FILE_MALFORMED xlsx文件的样式表（styles，/xl/styles.xml）中单元格格式"
                + "（cellXfs中的xf）超过" + XlsxNumberStyles.MAX_CELL_FORMATS + "个");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aMillionNumberFormatsInTheStylesPartAreRefusedWithinASmallHeap() throws Exception {
        Random random = new Random(2);
        Path file = XlsxSheetXmlTest.write(dir.resolve("numfmts.xlsx"), XlsxSheetXmlTest.sheet(ONE_ROW, ""),
                XlsxSheetXmlTest.workbook("", XlsxSheetXmlTest.SHEET, ""), out -> {
                    out.write(("<styleSheet xmlns=\"" + XlsxSheetXmlTest.MAIN + "\"><numFmts>").getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write(("<numFmt numFmtId=\"" + (164 + i) + "\" formatCode=\"0." + "0".repeat(random.nextInt(10)) + "\"/>")
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("</numFmts></styleSheet>".getBytes(StandardCharsets.UTF_8));
                }, null);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output()).contains("refused=FILE_MALFORMED xlsx文件的样式表（styles，/xl/styles.xml）中自定义数字格式"
                + "（numFmts中的numFmt）超过" + XlsxNumberStyles.MAX_NUMBER_FORMATS + "个");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aMillionSheetsInTheWorkbookPartAreRefusedWithinASmallHeap() throws Exception {
        // POI's sheet iterator keeps every <sheet> of workbook.xml with its name before a sheet is opened
        Path file = XlsxSheetXmlTest.write(dir.resolve("sheets.xlsx"), XlsxSheetXmlTest.sheet(ONE_ROW, ""),
                out -> {
                    out.write(("<workbook xmlns=\"" + XlsxSheetXmlTest.MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/"
                            + "officeDocument/2006/relationships\"><sheets>" + XlsxSheetXmlTest.SHEET).getBytes(StandardCharsets.UTF_8));
                    for (int i = 2; i <= 1_000_000; i++) {
                        out.write(("<sheet name=\"表" + i + "\" sheetId=\"" + i + "\" r:id=\"rId" + (i + 10) + "\"/>")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    out.write("</sheets></workbook>".getBytes(StandardCharsets.UTF_8));
                }, null, null);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output())
                .contains("refused=FILE_MALFORMED xlsx文件的工作簿（workbook.xml）中工作表超过" + WorkbookPart.MAX_SHEETS + "个");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void twoMillionDefinedNamesInTheWorkbookPartAreReadPastWithinASmallHeap() throws Exception {
        Path file = XlsxSheetXmlTest.write(dir.resolve("defined-names.xlsx"), XlsxSheetXmlTest.sheet(ONE_ROW, ""),
                out -> {
                    out.write(("<workbook xmlns=\"" + XlsxSheetXmlTest.MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/"
                            + "officeDocument/2006/relationships\"><sheets>" + XlsxSheetXmlTest.SHEET + "</sheets><definedNames>")
                            .getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < 2_000_000; i++) {
                        out.write(("<definedName name=\"名称" + i + "\">明细!$A$" + (i % 1000 + 1) + "</definedName>")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    out.write("</definedNames></workbook>".getBytes(StandardCharsets.UTF_8));
                }, null, null);

        Result result = run("stream", file);

        assertThat(result.output()).as(result.output()).contains("rows=1");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void contentTypesRelationshipsAndCorePropertiesPartsOfHundredsOfThousandsOfElementsAreRefusedWithinASmallHeap() throws Exception {
        // POI parses [Content_Types].xml, every .rels part and the core properties into a DOM when it opens the package:
        // about 20 MB of each, random enough to stay within its zip-bomb ratio, ran the heap out before any bound of ours
        Random random = new Random(3);
        Path base = XlsxSheetXmlTest.write(dir.resolve("package.xlsx"), ONE_ROW, null, null, false);
        Path types = ZipBombs.withPart(base, dir.resolve("types.xlsx"), "[Content_Types].xml", out -> {
            out.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 300_000; i++) {
                out.write(("<Override PartName=\"/xl/p" + Long.toHexString(random.nextLong()) + ".xml\" ContentType=\"application/xml\"/>")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.write("</Types>".getBytes(StandardCharsets.UTF_8));
        });
        Path rels = ZipBombs.withPart(base, dir.resolve("rels.xlsx"), "_rels/.rels", out -> {
            out.write(("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                    + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>")
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 2; i < 300_000; i++) {
                out.write(("<Relationship Id=\"rId" + i + "\" Type=\"http://example.com/r\" Target=\"x" + Long.toHexString(random.nextLong())
                        + ".xml\"/>").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("</Relationships>".getBytes(StandardCharsets.UTF_8));
        });

        Path core = ZipBombs.withParts(base, dir.resolve("core.xlsx"), Map.of(
                "[Content_Types].xml", ZipBombs.contentTypesWithCoreProperties("/docProps/core.xml"),
                "docProps/core.xml", out -> {
                    out.write(("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>").getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < 300_000; i++) {
                        out.write(("<x" + Long.toHexString(random.nextLong()) + "/>").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("</dc:title></cp:coreProperties>".getBytes(StandardCharsets.UTF_8));
                }));

        Result result = run("stream", types, rels, core);

        assertThat(result.output()).as(result.output())
                .contains("refused=FILE_MALFORMED xlsx文件的内容类型表（[Content_Types].xml）解压后超过4MB")
                .contains("refused=FILE_MALFORMED xlsx文件的关系部件（_rels/.rels）解压后超过4MB")
                .contains("refused=FILE_MALFORMED xlsx文件的文档属性（docProps/core.xml）解压后超过4MB");
        assertThat(result.exitCode()).isZero();
    }

    private static Result run(String mode) throws Exception {
        return run(mode, workbook);
    }

    /** Reads the files one after the other in one child JVM: a JVM's start is a second of the suite's budget. */
    private static Result run(String mode, Path... files) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-cp", System.getProperty("java.class.path"),
                XlsxRowCounter.class.getName(), mode));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
