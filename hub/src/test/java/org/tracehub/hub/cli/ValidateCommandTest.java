package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.schemas.validation.RegionCodeValidator;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private Path document;
    private String xml;

    @BeforeEach
    void copyTheExpectedDocumentOfTheSample() throws Exception {
        document = CliRun.copy("samples/meat/meat-wholesale-xj/expected/交易明细_20261127.xml", dir);
        xml = Files.readString(document, StandardCharsets.UTF_8);
    }

    @Test
    void acceptsAValidDocumentWithExit0AndShowsItsWarnings() {
        CliRun.Result result = CliRun.run("validate", document.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.OK);
        assertThat(result.out().lines()).contains("标准文档 " + document + "：事件7条；XSD问题0处；规则错误0处，警告1处");
        assertThat(result.out()).contains("（追溯码 XJM2611270009，原文件第11行）\tcounterparty.uscc\t警告\tUSCC_CHECK_DIGIT\t");
    }

    @Test
    void reportsABrokenRuleWithExit1() throws Exception {
        // letters the credit-code alphabet does not have (I, O): an error, not just a wrong check digit
        int buyers = xml.split("91310112087994932F", -1).length - 1;
        Path broken = Files.writeString(dir.resolve("broken.xml"), xml.replace("91310112087994932F", "9131011208799493IO"),
                StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("validate", broken.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(buyers).isPositive();
        assertThat(result.out()).contains("counterparty.uscc\t错误\tUSCC_CHARACTER\t").contains("规则错误" + buyers + "处");
    }

    /** A district created after the release: the command accepts its code once the hub's setting adds it, as the server does. */
    @Test
    void acceptsAnOriginTheHubsSettingAddsWithExit0AndRefusesACodeThatCannotBeAddedWithExit2() throws Exception {
        Path newDistrict = Files.writeString(dir.resolve("new-district.xml"),
                xml.replace("<origin>310151</origin>", "<origin>310199</origin>"), StandardCharsets.UTF_8);

        CliRun.Result shipped = CliRun.run("validate", newDistrict.toString());
        CliRun.Result added = CliRun.run("--hub.standard.extra-region-codes.310199=新设区", "validate", newDistrict.toString());
        CliRun.Result malformed = CliRun.run("validate", newDistrict.toString(), "--hub.standard.extra-region-codes.31019=新设区");

        assertThat(shipped.exitCode()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(shipped.out()).contains("origin\t错误\tREGION_UNKNOWN\t");
        assertThat(added.exitCode()).as(added.out() + added.err()).isEqualTo(CliExitCodes.OK);
        assertThat(added.out()).doesNotContain("REGION_UNKNOWN");
        assertThat(malformed.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(malformed.err()).contains("“31019”不是6位数字的行政区划代码", CliCodes.EXTRA_REGION_CODES_INVALID);
    }

    @AfterEach
    void shippedTableAgain() {
        RegionCodeValidator.useInProcess(RegionCodeValidator.shipped());
    }

    @Test
    void reportsXsdViolationsWithTheirLineAndExit1() throws Exception {
        Path invalid = Files.writeString(dir.resolve("invalid.xml"), xml.replaceFirst("<step>WHOLESALE</step>", "<step>SELLING</step>"),
                StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("validate", invalid.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(result.out()).containsPattern("第\\d+行第\\d+列\tXML_SCHEMA_INVALID\t.*SELLING");
    }

    /**
     * xs:date allows a zone and xs:dateTime writes the end of a day as 24:00:00; both passed the XSD and were then read as
     * absent, so an inspection's required date and time were reported missing (FIELD_REQUIRED).
     */
    @Test
    void acceptsADateWithAZoneAndATimeOf24AsTheXsdDoesWithExit0() throws Exception {
        String inspection = elevatorInspection().replaceFirst("<time>[^<]+</time>", "<time>2026-11-25T24:00:00+08:00</time>")
                .replace("<nextInspectionDate>2027-04-18</nextInspectionDate>", "<nextInspectionDate>2027-04-18+08:00</nextInspectionDate>");
        Path zoned = Files.writeString(dir.resolve("zoned.xml"), inspection, StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("validate", zoned.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.OK);
        assertThat(result.out()).doesNotContain("FIELD_REQUIRED").contains("XSD问题0处；规则错误0处");
    }

    @Test
    void namesAnElementWhoseValueCannotBeReadInsteadOfCallingItMissingWithExit1() throws Exception {
        Path invalid = Files.writeString(dir.resolve("invalid-date.xml"), elevatorInspection()
                .replace("<nextInspectionDate>2027-04-18</nextInspectionDate>", "<nextInspectionDate>2027-02-30</nextInspectionDate>"),
                StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("validate", invalid.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(result.out()).contains("文档中有无法读取的值（XML_VALUE_INVALID），其后的事件未校验：第")
                .contains("第1条事件的元素<nextInspectionDate>的值无法读取：“2027-02-30”不是有效的日期")
                .doesNotContain("FIELD_REQUIRED");
    }

    /**
     * 2026-12-31 21:00 UTC is 2027-01-01 05:00 in Shanghai: a lift registered in January 2027 and a customs declaration
     * of 2027 are of "this month" and "this year" for the server (hub.time-zone, Asia/Shanghai). On a machine in UTC the
     * CLI judged them in the future (EQUIPMENT_CODE_DATE, CUSTOMS_DECLARATION_DATE).
     */
    @Test
    void judgesNowInTheHubsZoneNotTheMachines() throws Exception {
        Clock utcMachine = Clock.fixed(Instant.parse("2026-12-31T21:00:00Z"), ZoneOffset.UTC);
        Path lift = Files.writeString(dir.resolve("lift.xml"),
                elevatorInspection().replace("31103101042015060012", "31103101152027010001"), StandardCharsets.UTF_8);
        Path dairy = CliRun.copy("samples/dairy/dairy-import-waigaoqiao/expected/进口乳品入库台账_202611.xml", dir);
        Files.writeString(dairy, Files.readString(dairy, StandardCharsets.UTF_8).replace("221820261000381245", "222020271000000001"),
                StandardCharsets.UTF_8);

        CliRun.Result liftInShanghai = CliRun.runAt(utcMachine, Map.of(), "validate", lift.toString());
        CliRun.Result dairyInShanghai = CliRun.runAt(utcMachine, Map.of(), "validate", dairy.toString());
        CliRun.Result liftInUtc = CliRun.runAt(utcMachine, Map.of("HUB_TIME_ZONE", "UTC"), "validate", lift.toString());
        CliRun.Result dairyInUtc = CliRun.runAt(utcMachine, Map.of("HUB_TIME_ZONE", "UTC"), "validate", dairy.toString());

        assertThat(liftInShanghai.exitCode()).as(liftInShanghai.out()).isEqualTo(CliExitCodes.OK);
        assertThat(dairyInShanghai.exitCode()).as(dairyInShanghai.out()).isEqualTo(CliExitCodes.OK);
        // HUB_TIME_ZONE is honoured as by the server: in UTC it is still 2026
        assertThat(liftInUtc.out()).contains("EQUIPMENT_CODE_DATE");
        assertThat(dairyInUtc.out()).contains("CUSTOMS_DECLARATION_DATE");
    }

    @Test
    void refusesAZoneThatIsNoneWithExit2() {
        CliRun.Result result = CliRun.runAt(Clock.systemUTC(), Map.of("HUB_TIME_ZONE", "Asia/Shangai"), "validate", document.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.err()).startsWith("时区设置无效（TIME_ZONE_INVALID，hub.time-zone / HUB_TIME_ZONE）：").contains("Asia/Shangai");
    }

    /** The first event of the elevator sample's document, made an inspection (which requires its next inspection date). */
    private String elevatorInspection() throws Exception {
        String sample = Files.readString(CliRun.copy("samples/elevator/elevator-maint-husheng/expected/wb_maint_20261126.xml", dir),
                StandardCharsets.UTF_8);
        int first = sample.indexOf("<event>");
        String event = sample.substring(first, sample.indexOf("</event>", first) + "</event>".length());
        assertThat(event).contains("<nextInspectionDate>2027-04-18</nextInspectionDate>");
        return sample.substring(0, first) + event.replace("<step>MAINTAIN</step>", "<step>INSPECT</step>")
                + "\n  <trailer><eventCount>1</eventCount></trailer>\n</traceDocument>\n";
    }

    @Test
    void reportsATrailerCountThatDoesNotMatchWithExit1() throws Exception {
        Path cut = Files.writeString(dir.resolve("cut.xml"), xml.replace("<eventCount>7</eventCount>", "<eventCount>8</eventCount>"),
                StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("validate", cut.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(result.out()).contains("DOCUMENT_COUNT_MISMATCH");
    }

    /** The trailer is read after the last event: a fault in it or after it leaves no event unchecked, and says none. */
    @Test
    void aFaultAtOrAfterTheTrailerDoesNotSayTheEventsAfterItWentUnchecked() throws Exception {
        Path miscounted = Files.writeString(dir.resolve("miscounted.xml"),
                xml.replace("<eventCount>7</eventCount>", "<eventCount>8</eventCount>"), StandardCharsets.UTF_8);
        Path unreadableCount = Files.writeString(dir.resolve("unreadable-count.xml"),
                xml.replace("<eventCount>7</eventCount>", "<eventCount>七</eventCount>"), StandardCharsets.UTF_8);
        Path trailing = Files.writeString(dir.resolve("trailing.xml"),
                xml.replace("</trailer>", "</trailer><trailer><eventCount>7</eventCount></trailer>"), StandardCharsets.UTF_8);

        for (Path file : java.util.List.of(miscounted, unreadableCount, trailing)) {
            CliRun.Result result = CliRun.run("validate", file.toString());

            assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.REJECTED);
            assertThat(result.out()).as(file.toString()).doesNotContain("其后的事件未校验").contains("事件7条；");
        }
        assertThat(CliRun.run("validate", miscounted.toString()).out())
                .contains("文档结构有误（DOCUMENT_COUNT_MISMATCH）：第").contains("文档尾部记录的事件数为8，实际读到7条");
        assertThat(CliRun.run("validate", unreadableCount.toString()).out()).contains("文档中有无法读取的值（XML_VALUE_INVALID）：第");
        assertThat(CliRun.run("validate", trailing.toString()).out()).contains("文档结构有误（XML_MALFORMED）：第")
                .contains("文档尾部之后还有其他内容");
    }

    @Test
    void exitsWith2WhenTheFileIsNotAStandardDocument() throws Exception {
        Path text = Files.writeString(dir.resolve("text.xml"), "序号,品名\n1,白菜\n", StandardCharsets.UTF_8);
        Path other = Files.writeString(dir.resolve("other.xml"), "<?xml version=\"1.0\"?><orders><order/></orders>", StandardCharsets.UTF_8);
        Path doctype = Files.writeString(dir.resolve("doctype.xml"), xml.replaceFirst("\\?>", "?><!DOCTYPE x [<!ENTITY e \"e\">]>"),
                StandardCharsets.UTF_8);

        CliRun.Result notXml = CliRun.run("validate", text.toString());
        CliRun.Result notStandard = CliRun.run("validate", other.toString());
        CliRun.Result withDoctype = CliRun.run("validate", doctype.toString());
        CliRun.Result missing = CliRun.run("validate", dir.resolve("none.xml").toString());

        assertThat(notXml.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(notXml.out()).startsWith("文档无法读取（XML_MALFORMED）");
        assertThat(notStandard.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(withDoctype.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(withDoctype.out()).contains("XML_DOCTYPE_FORBIDDEN");
        assertThat(missing.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(missing.out()).contains("FILE_NOT_FOUND");
    }
}
