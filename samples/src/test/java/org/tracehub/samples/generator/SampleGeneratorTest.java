package org.tracehub.samples.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGeneratorTest {

    private static final Charset GB18030 = Charset.forName("GB18030");

    @TempDir
    Path tmp;

    @Test
    void writesTheTitleTheHeaderExactlyTheRequestedRowsAndTheTotalsRowOfTheXjCsv() throws Exception {
        GenerationResult result = SampleGenerator.generate("meat-wholesale-xj", 5_000, 42, tmp);

        List<String> lines = decodeStrictly(Files.readAllBytes(result.file()), GB18030).lines().toList();
        assertThat(result.file().getFileName().toString()).isEqualTo("交易明细_20261127.csv");
        assertThat(result.rows()).isEqualTo(5_000);
        assertThat(lines).hasSize(1 + 1 + 5_000 + 1);
        assertThat(lines.get(0)).isEqualTo("西郊国际农产品交易中心 肉类交易明细（2026年11月27日）");
        assertThat(lines.get(1)).isEqualTo("序号,交易凭证号,追溯码,交易时间,买方名称,买方信用代码,品名,重量(斤),单价(元/斤),检疫证号,肉品品质检验证号,进场批次号,产地");
        assertThat(lines.get(2)).startsWith("1,XJ202611270000001,XJM2611270000001,");
        assertThat(lines.get(5_002)).startsWith("合计,,,,,,,");
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        Path a = SampleGenerator.generate("meat-wholesale-xj", OutputFormat.CSV, 2_000, 7, tmp.resolve("a.csv"), GB18030).file();
        Path b = SampleGenerator.generate("meat-wholesale-xj", OutputFormat.CSV, 2_000, 7, tmp.resolve("b.csv"), GB18030).file();
        Path c = SampleGenerator.generate("meat-wholesale-xj", OutputFormat.CSV, 2_000, 8, tmp.resolve("c.csv"), GB18030).file();

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void rowsNumberedFromAnotherFirstRowAreOtherRecordsWithTheSameMistakes() throws Exception {
        GenerationResult from1 = SampleGenerator.generate("meat-wholesale-xj", OutputFormat.CSV, 2_000, 7, tmp.resolve("a.csv"), GB18030);
        GenerationResult later = SampleGenerator.generate("meat-wholesale-xj", OutputFormat.CSV, 2_000, 7, tmp.resolve("b.csv"), GB18030,
                9_000_001);

        List<String> a = decodeStrictly(Files.readAllBytes(from1.file()), GB18030).lines().skip(2).limit(2_000).toList();
        List<String> b = decodeStrictly(Files.readAllBytes(later.file()), GB18030).lines().skip(2).limit(2_000).toList();
        assertThat(b.get(0)).startsWith("9000001,XJ202611279000001,XJM2611279000001,");
        assertThat(b.get(1_999)).startsWith("9002000,XJ202611279002000,XJM2611279002000,");
        assertThat(b.stream().map(line -> line.split(",")[1])).doesNotContainAnyElementsOf(a.stream().map(line -> line.split(",")[1]).toList());
        assertThat(later.badRows()).isEqualTo(from1.badRows());
        assertThat(b.stream().map(SampleGeneratorTest::seedsPart).toList()).isEqualTo(a.stream().map(SampleGeneratorTest::seedsPart).toList());
    }

    @Test
    void theMaintenanceIdsOfTheElevatorXmlStartAtTheFirstRow() throws Exception {
        Path file = SampleGenerator.generate("elevator-maint-husheng", OutputFormat.XML, 3, 7, tmp.resolve("e.xml"),
                Charset.forName("GBK"), 500).file();

        String xml = new String(Files.readAllBytes(file), Charset.forName("GBK"));
        assertThat(xml).contains("<maint_id>HS-WB-20261126-0000500</maint_id>").contains("<maint_id>HS-WB-20261126-0000502</maint_id>")
                .doesNotContain("HS-WB-20261126-0000001").doesNotContain("HS-WB-20261126-0000503");
    }

    @Test
    void aFleetsLiftsComeBackWithTheSameCodesInEveryRecordAndEveryFile() throws Exception {
        Charset gbk = Charset.forName("GBK");
        Path day = SampleGenerator.generate("elevator-maint-husheng", OutputFormat.XML, 200, 42, tmp.resolve("d1.xml"), gbk, 1, 50).file();
        Path nextDay = SampleGenerator.generate("elevator-maint-husheng", OutputFormat.XML, 100, 7, tmp.resolve("d2.xml"), gbk, 9_000_001, 50)
                .file();

        java.util.Map<String, java.util.Set<String>> first = liftsOf(day);
        assertThat(first).as("50 lifts, each by its equipment code").hasSize(50);
        assertThat(first.values()).as("each lift's registration and 96333 codes are the same in its every record (a planted "
                + "mistake may leave the registration empty)").allSatisfy(codes -> assertThat(codes.stream().filter(c -> !c.startsWith("|")))
                .hasSize(1));
        java.util.Map<String, java.util.Set<String>> second = liftsOf(nextDay);
        assertThat(first.keySet()).as("another file of the seed's fleet names the same lifts").containsAll(second.keySet());
        second.forEach((lift, codes) -> assertThat(codes.stream().filter(c -> !c.startsWith("|"))).isSubsetOf(first.get(lift)));
        Path own = SampleGenerator.generate("elevator-maint-husheng", OutputFormat.XML, 200, 42, tmp.resolve("d0.xml"), gbk, 1, 0).file();
        long unidentified = Pattern.compile("<equip_code\\s*/>|<equip_code></equip_code>").matcher(Files.readString(own, gbk)).results().count();
        assertThat(liftsOf(own)).as("without a fleet every record with an equipment code is a lift of its own")
                .hasSize((int) (200 - unidentified));
    }

    @Test
    void aGoodsSourceHasNoFleet() {
        assertThatThrownBy(() -> SampleGenerator.generate("meat-wholesale-xj", OutputFormat.CSV, 10, 7, tmp.resolve("f.csv"), GB18030, 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no fleet");
    }

    /** Equipment code → "registration|96333 code" of each record about it ("|…" when the registration was left empty; none for a record without an equipment code). */
    private static java.util.Map<String, java.util.Set<String>> liftsOf(Path xmlFile) throws Exception {
        java.util.Map<String, java.util.Set<String>> lifts = new java.util.TreeMap<>();
        java.util.Map<String, String> record = new java.util.HashMap<>();
        try (InputStream in = Files.newInputStream(xmlFile)) {
            XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in, "GBK");
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && List.of("register_code", "equip_code", "emergency_code").contains(xml.getLocalName())) {
                    record.put(xml.getLocalName(), xml.getElementText());
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("elevator_maint_info_base")) {
                    // a planted mistake leaves both codes empty: no lift to tell
                    if (!record.getOrDefault("equip_code", "").isEmpty()) {
                        lifts.computeIfAbsent(record.get("equip_code"), k -> new java.util.TreeSet<>())
                                .add(record.get("register_code") + "|" + record.get("emergency_code"));
                    }
                    record.clear();
                }
            }
        }
        return lifts;
    }

    @Test
    void aFirstRowBelowOneIsRefused() {
        assertThatThrownBy(() -> SampleGenerator.generate("meat-wholesale-xj", OutputFormat.CSV, 10, 7, tmp.resolve("z.csv"), GB18030, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first row");
    }

    /** What the seed decides of a row of the XJ CSV: buyer, credit code and product (the weight may be quoted, with a comma). */
    private static List<String> seedsPart(String line) {
        return List.of(line.split(",", -1)).subList(4, 7);
    }

    @Test
    void aboutOneRowInAHundredCarriesOneOfTheSourcesMistakesAndTheCountIsExact() throws Exception {
        GenerationResult result = SampleGenerator.generate("meat-wholesale-xj", 20_000, 42, tmp);

        List<String> data = decodeStrictly(Files.readAllBytes(result.file()), GB18030).lines().skip(2).limit(20_000).toList();
        Pattern negativeWeight = Pattern.compile(",(\"-[0-9,.]+\"|-[0-9.]+),[0-9.]+,");
        long planted = data.stream().filter(line -> negativeWeight.matcher(line).find()
                || line.contains(",9131011508799493IO,")
                || line.contains(",,,TZ")                  // both certificate numbers empty
                || line.contains(",猪杂,")
                || line.contains(",2026/11/31 3:15,")).count();
        assertThat(result.badRows()).isBetween(150L, 250L);
        assertThat(planted).isEqualTo(result.badRows());
    }

    @Test
    void theGb18030CsvIsNotUtf8AndDecodesStrictlyAsGb18030() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleGenerator.generate("meat-wholesale-xj", 100, 1, tmp).file());

        assertThat(decodeStrictly(bytes, GB18030)).contains("上海联家超市有限公司").contains("白条猪");
        assertThatThrownBy(() -> decodeStrictly(bytes, StandardCharsets.UTF_8)).isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void theXlsxHasTheSummarySheetFirstAndTheTradesUnderATwoRowTitleWithDateCells() throws Exception {
        GenerationResult result = SampleGenerator.generate("meat-wholesale-jiangqiao", 3_000, 42, tmp);

        try (InputStream in = Files.newInputStream(result.file()); Workbook workbook = new XSSFWorkbook(in)) {
            assertThat(workbook.getSheetName(0)).isEqualTo("汇总");
            Sheet trades = workbook.getSheet("交易明细");
            assertThat(trades.getLastRowNum() + 1).isEqualTo(2 + 1 + 3_000 + 1);
            assertThat(trades.getMergedRegions()).hasSize(2);
            assertThat(trades.getRow(2).getCell(0).getStringCellValue()).isEqualTo("序号");
            assertThat(trades.getRow(3).getCell(3).getStringCellValue()).isEqualTo("JQM2611270000001");
            long dateCells = 0;
            for (int r = 3; r < 3 + 3_000; r++) {
                if (trades.getRow(r).getCell(1).getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(trades.getRow(r).getCell(1))) {
                    dateCells++;
                }
            }
            assertThat(dateCells).isBetween(2_950L, 3_000L);
            assertThat(trades.getRow(3 + 3_000).getCell(0).getStringCellValue()).isEqualTo("合计");
        }
    }

    @Test
    void theXlsHoldsTheHarvestRegisterWithDateCellsAndRefusesMoreRowsThanASheetHolds() throws Exception {
        GenerationResult result = SampleGenerator.generate("vegetable-base-chongming", 1_000, 42, tmp);

        try (InputStream in = Files.newInputStream(result.file()); Workbook workbook = new HSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheet("采收登记");
            assertThat(sheet.getLastRowNum() + 1).isEqualTo(2 + 1 + 1_000);
            long dateCells = 0;
            for (int r = 3; r <= sheet.getLastRowNum(); r++) {
                if (sheet.getRow(r).getCell(1).getCellType() == CellType.NUMERIC
                        && DateUtil.isCellDateFormatted(sheet.getRow(r).getCell(1))) {
                    dateCells++;
                }
            }
            assertThat(dateCells).isGreaterThan(990);
        }
        assertThatThrownBy(() -> SampleGenerator.generate("vegetable-base-chongming", OutputFormat.XLS, 65_533, 1,
                tmp.resolve("too-big.xls"), StandardCharsets.UTF_8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    }

    @Test
    void theXmlHasOneRecordPerRowTheCountInItsHeadAndIsGbk() throws Exception {
        GenerationResult result = SampleGenerator.generate("elevator-maint-husheng", 2_500, 42, tmp);

        byte[] bytes = Files.readAllBytes(result.file());
        assertThat(new String(bytes, 0, 40, StandardCharsets.US_ASCII)).startsWith("<?xml version=\"1.0\" encoding=\"GBK\"");
        assertThat(decodeStrictly(bytes, Charset.forName("GBK"))).contains("上海沪晟电梯工程有限公司");
        int records = 0;
        String count = null;
        try (InputStream in = Files.newInputStream(result.file())) {
            XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    if (xml.getLocalName().equals("elevator_maint_info_base")) {
                        records++;
                    } else if (xml.getLocalName().equals("record_count")) {
                        count = xml.getElementText();
                    }
                }
            }
        }
        assertThat(records).isEqualTo(2_500);
        assertThat(count).isEqualTo("2500");
    }

    @Test
    void refusesToWriteATabularSourceAsXml() {
        assertThatThrownBy(() -> SampleGenerator.generate("meat-wholesale-xj", OutputFormat.XML, 10, 1, tmp.resolve("x.xml"),
                StandardCharsets.UTF_8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tabular");
    }

    private static String decodeStrictly(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
