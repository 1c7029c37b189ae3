package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The parts POI parses whole when it opens an .xlsx ({@code [Content_Types].xml}, the {@code .rels} parts) are bounded
 * before it opens the file: by the sizes the zip declares, and by the bytes they really inflate to. Bounds of a few KB
 * where the check is asked directly: MBs of text that does not compress like a zip bomb take seconds to write.
 */
class XlsxPackagePartsTest {

    private static final long PART = 64 * 1024;
    private static final long TOTAL = 256 * 1024;

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String ROOT_RELS = DECLARATION
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
            + " Target=\"xl/workbook.xml\"/><!--";
    private static final String END = "--></Relationships>";

    @TempDir
    Path dir;

    private Path workbook;

    @BeforeEach
    void writeAWorkbook() throws Exception {
        workbook = XlsxSheetXmlTest.write(dir.resolve("明细.xlsx"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>品名</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>白菜</t></is></c></row>
                """, null, null, false);
    }

    @Test
    void passesAPackageWhoseRelationshipsPartIsAtTheBoundAndRefusesOneByteMoreNamingThePart() throws Exception {
        Path atTheBound = ZipBombs.withPart(workbook, dir.resolve("界内.xlsx"), "_rels/.rels", rels(PART, 1));
        Path past = ZipBombs.withPart(workbook, dir.resolve("界外.xlsx"), "_rels/.rels", rels(PART + 1, 2));

        XlsxPackageParts.check(atTheBound, PART, TOTAL);
        assertThat(readAll(atTheBound)).containsExactly(List.of("白菜"));
        assertThatThrownBy(() -> XlsxPackageParts.check(past, PART, TOTAL)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的关系部件（_rels/.rels）解压后超过64KB（Excel保存的工作簿中只有几KB），"
                    + "超过平台能读取的上限，文件已拒收");
        });
    }

    @Test
    void refusesAContentTypesPartByTheSizeItsZipDeclaresBeforeInflatingIt() throws Exception {
        // the part itself is the few hundred bytes it was: only its declared size can be refused
        Path file = ZipBombs.withParts(workbook, dir.resolve("声明.xlsx"), Map.of());
        ZipBombs.declareSize(file, "[Content_Types].xml", 300L * 1024 * 1024);

        assertThatThrownBy(() -> new XlsxRecordReader(file, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的内容类型表（[Content_Types].xml）解压后超过4MB（Excel保存的工作簿中只有几KB），"
                    + "超过平台能读取的上限，文件已拒收");
        });
    }

    @Test
    void refusesARelationshipsPartThatInflatesPastTheSizeItsZipDeclares() throws Exception {
        Path file = ZipBombs.withPart(workbook, dir.resolve("谎报.xlsx"), "_rels/.rels", rels(PART + 1, 3));
        ZipBombs.declareSize(file, "_rels/.rels", 1000);

        assertThatThrownBy(() -> XlsxPackageParts.check(file, PART, TOTAL)).isInstanceOfSatisfying(FileLevelException.class,
                e -> assertThat(e.getMessage()).startsWith("xlsx文件的关系部件（_rels/.rels）解压后超过64KB"));
    }

    @Test
    void refusesRelationshipsPartsThatTogetherPassTheBoundNamingThePartWhereTheyDo() throws Exception {
        // four parts at the bound and the package's own few hundred bytes: the fourth passes it
        Map<String, XlsxSheetXmlTest.Part> parts = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            parts.put("xl/worksheets/_rels/sheet" + i + ".xml.rels", rels(PART, 10 + i));
        }
        Path file = ZipBombs.withParts(workbook, dir.resolve("合计.xlsx"), parts);

        assertThatThrownBy(() -> XlsxPackageParts.check(file, PART, TOTAL)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("xlsx文件的内容类型表、关系部件（.rels）与文档属性合计解压后超过256KB（读到xl/worksheets/_rels/"
                    + "sheet4.xml.rels时），超过平台能读取的上限，文件已拒收");
        });
    }

    @Test
    void refusesTheCorePropertiesPartPastTheBoundWhateverTheContentTypesNameIt() throws Exception {
        // POI parses the part of the core properties' content type when it opens the package, wherever it is
        Map<String, XlsxSheetXmlTest.Part> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", ZipBombs.contentTypesWithCoreProperties("/meta/Props.xml"));
        parts.put("meta/props.xml", rels(PART + 1, 4));
        Path file = ZipBombs.withParts(workbook, dir.resolve("属性.xlsx"), parts);

        assertThatThrownBy(() -> XlsxPackageParts.check(file, PART, TOTAL)).isInstanceOfSatisfying(FileLevelException.class,
                e -> assertThat(e.getMessage()).startsWith("xlsx文件的文档属性（meta/props.xml）解压后超过64KB"));
    }

    /**
     * The package's relationships part of exactly {@code bytes}, padded with a comment of two letters at random: it
     * compresses about eightfold, within POI's zip-bomb ratio.
     */
    private static XlsxSheetXmlTest.Part rels(long bytes, long seed) {
        return out -> {
            byte[] head = ROOT_RELS.getBytes(StandardCharsets.UTF_8);
            byte[] end = END.getBytes(StandardCharsets.US_ASCII);
            out.write(head);
            Random random = new Random(seed);
            byte[] block = new byte[1 << 16];
            for (long left = bytes - head.length - end.length; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) (random.nextBoolean() ? 'a' : 'b');
                }
                out.write(block, 0, (int) Math.min(left, block.length));
            }
            out.write(end);
        };
    }

    private static List<List<String>> readAll(Path file) {
        List<List<String>> rows = new ArrayList<>();
        try (XlsxRecordReader reader = new XlsxRecordReader(file, null, 1)) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                rows.add(r.cells());
            }
        }
        return rows;
    }
}
