package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardDocumentReader;

class ConvertCommandTest {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String SAMPLE = "samples/meat/meat-wholesale-xj/input/交易明细_20261127.csv";
    private static final String FINDINGS = "samples/meat/meat-wholesale-xj/expected/交易明细_20261127.findings.csv";

    @TempDir
    Path dir;

    private Path spec;
    private Path sample;

    @BeforeEach
    void copyTheBuiltInSpecAndTheSample() throws Exception {
        spec = CliRun.copy("sources/meat-wholesale-xj.yaml", dir);
        sample = CliRun.copy(SAMPLE, dir);
    }

    @Test
    void writesTheStandardDocumentAndListsEveryRejectedRowThenExitsWith1() throws Exception {
        Path out = dir.resolve("交易明细_20261127.xml");

        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), sample.toString(), "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(events(Files.readAllBytes(out))).extracting(TraceEvent::getTraceCode).hasSize(7).contains("XJM2611270001");
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("行号\t列\t字段\t级别\t代码\t说明\t原值");
        // every finding of the golden file, as row + code + value, in the same order
        assertThat(lines.subList(1, lines.size() - 1)).extracting(ConvertCommandTest::rowCodeValue).containsExactlyElementsOf(expectedFindings());
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("10\t重量(斤)\tquantity\t错误\tQUANTITY_NOT_POSITIVE\t").endsWith("\t-35"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("共读取10行：接受7行，拒绝3行，跳过1行，1行有警告；标准文档已写入 " + out);
        assertThat(result.err()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial file left").noneMatch(n -> n.endsWith(".part"));
        }
    }

    /** 2026-12-31 21:00 UTC is 2027-01-01 05:00 in Shanghai, where a lift registered in January 2027 is this month's. */
    @Test
    void convertsWithNowInTheHubsZoneNotTheMachines() throws Exception {
        Path liftSpec = Files.writeString(dir.resolve("lift-test.yaml"), """
                source: lift-test
                category: ELEVATOR
                operator: { uscc: 91310107MA1FN5GR4M, name: 上海沪晟电梯工程有限公司 }
                files:
                  - match: "维保_*.csv"
                    format: csv
                    encoding: UTF-8
                    step: MAINTAIN
                    key: [单号]
                    fields:
                      traceCode: { column: 注册代码 }
                      time: { column: 时间, date: "yyyy-MM-dd HH:mm" }
                      extension.elevator.registrationCode: { column: 注册代码 }
                      extension.elevator.maintenanceType: { value: 半月维保 }
                """, StandardCharsets.UTF_8);
        Path input = Files.writeString(dir.resolve("维保_20270101.csv"), "单号,注册代码,时间\n1,31103101152027010001,2027-01-01 04:30\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("维保_20270101.xml");
        Clock utcMachine = Clock.fixed(Instant.parse("2026-12-31T21:00:00Z"), ZoneOffset.UTC);

        CliRun.Result result = CliRun.runAt(utcMachine, Map.of(), "convert", "--spec", liftSpec.toString(), input.toString(),
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.OK);
        assertThat(result.out()).doesNotContain("EQUIPMENT_CODE_DATE");
        try (InputStream in = Files.newInputStream(out); StandardDocumentReader reader = new StandardDocumentReader(in)) {
            assertThat(reader.header().getCreated()).isEqualTo(OffsetDateTime.parse("2027-01-01T05:00:00+08:00"));
        }
    }

    @Test
    void listsARowWhoseTraceCodeBreaksTheSourcesPatternAndExitsWith1() throws Exception {
        Path vegSpec = Files.writeString(dir.resolve("veg-test.yaml"), """
                source: veg-test
                category: VEGETABLE
                operator: { uscc: 91310000631696382C, nodeType: WHOLESALE }
                traceCodePattern: 'VT\\d{6}'
                traceCodeExample: VT261127
                files:
                  - match: "进货_*.csv"
                    format: csv
                    encoding: UTF-8
                    step: WHOLESALE
                    key: [单号]
                    fields:
                      traceCode: { column: 追溯码 }
                      time: { column: 时间, date: "yyyy-MM-dd HH:mm" }
                      inputs: { column: 来源批次 }
                """, StandardCharsets.UTF_8);
        Path input = Files.writeString(dir.resolve("进货_20261127.csv"), """
                单号,追溯码,时间,来源批次
                1,VT261127,2026-11-27 05:00,TZ-2611-0088
                2,VT-2611,2026-11-27 05:10,TZ-2611-0091
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("进货_20261127.xml");

        CliRun.Result result = CliRun.run("convert", "--spec", vegSpec.toString(), input.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(result.out().lines()).contains("3\t追溯码\ttraceCode\t错误\tTRACE_CODE_PATTERN\t追溯码“VT-2611”不符合本数据源约定的格式："
                + "应完整符合正则表达式“VT\\d{6}”（例如“VT261127”）；请核对追溯码后重新发送，如约定的格式已改变，请联系平台管理员\tVT-2611");
        assertThat(events(Files.readAllBytes(out))).extracting(TraceEvent::getTraceCode).containsExactly("VT261127");
    }

    /** A clerk looks an XML record up by the line its start tag is on: the rows listed are those lines, not 1st, 2nd … */
    @Test
    void listsTheRowsOfAnXmlExportAsTheLinesItsRecordsBeginOn() throws Exception {
        Path xmlSpec = CliRun.copy("sources/elevator-maint-husheng.yaml", dir);
        Path xml = CliRun.copy("samples/elevator/elevator-maint-husheng/input/wb_maint_20261126.xml", dir);

        CliRun.Result result = CliRun.run("convert", "--spec", xmlSpec.toString(), xml.toString(), "--out", dir.resolve("wb.xml").toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.REJECTED);
        List<String> problems = result.out().lines().filter(l -> l.matches("\\d+\t.*")).toList();
        List<String> rows = problems.stream().map(l -> l.substring(0, l.indexOf('\t'))).toList();
        assertThat(rows).containsExactly("56", "71", "86", "116", "146");
        List<String> fileLines = Files.readAllLines(xml, Charset.forName("GBK"));
        assertThat(rows).allSatisfy(row -> assertThat(fileLines.get(Integer.parseInt(row) - 1)).contains("<elevator_maint_info_base"));
        assertThat(result.out()).contains("共读取12行：接受9行，拒绝3行");
        assertThat(result.out().lines()).contains(RowReport.HEADER);
    }

    /** Written without line breaks, the export's records share one line: listed by their ordinals, headed so. */
    @Test
    void listsTheRowsOfAnXmlExportWrittenOnOneLineAsRecordNumbersUnderARecordNumberHeading() throws Exception {
        Path xmlSpec = CliRun.copy("sources/elevator-maint-husheng.yaml", dir);
        Path lines = CliRun.copy("samples/elevator/elevator-maint-husheng/input/wb_maint_20261126.xml", dir);
        Path xml = dir.resolve("wb_maint_20261127.xml");
        Files.writeString(xml, Files.readString(lines, Charset.forName("GBK")).replaceAll("\\r?\\n\\s*", ""), Charset.forName("GBK"));
        assertThat(Files.readAllLines(xml, Charset.forName("GBK"))).hasSize(1);

        CliRun.Result result = CliRun.run("convert", "--spec", xmlSpec.toString(), xml.toString(), "--out", dir.resolve("wb.xml").toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.REJECTED);
        List<String> problems = result.out().lines().filter(l -> l.matches("\\d+\t.*")).toList();
        assertThat(problems).extracting(l -> l.substring(0, l.indexOf('\t'))).containsExactly("4", "5", "6", "8", "10");
        assertThat(result.out().lines()).contains("记录号\t列\t字段\t级别\t代码\t说明\t原值").doesNotContain(RowReport.HEADER);
        assertThat(result.out()).contains("共读取12行：接受9行，拒绝3行");
    }

    @Test
    void exitsWith2WhenMoreRowsAreRejectedThanTheSourceAllowsForTheHubRefusesTheWholeFile() throws Exception {
        String yaml = Files.readString(spec);
        Files.writeString(spec, yaml.replaceFirst("(?m)^rejectThreshold:.*$", "rejectThreshold: 0.1"));
        assertThat(Files.readString(spec)).contains("rejectThreshold: 0.1");

        Path out = dir.resolve("x.xml");
        Files.writeString(out, "an earlier run's document");

        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), sample.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).contains("被拒绝的行数（3/10）超过本来源允许的比例10%（REJECT_THRESHOLD），服务器会拒收整个文件")
                .contains("未写出标准文档").doesNotContain("标准文档已写入");
        // no document of a file the hub refuses whole: the file at --out is left as it was, as on every exit 2
        assertThat(out).hasContent("an earlier run's document");
        assertNoPartialFileIn(dir);
    }

    @Test
    void exitsWith2WithoutWritingADocumentForAFileWithoutDataRows() throws Exception {
        Path onlyTotals = Files.write(dir.resolve("交易明细_20261130.csv"), Files.readAllLines(sample, GB18030).stream()
                .filter(l -> !l.matches("^\\d+,.*")).toList(), GB18030);
        Path out = dir.resolve("empty.xml");

        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), onlyTotals.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).contains("共读取0行").contains("FILE_EMPTY").contains("未写出标准文档");
        assertThat(out).doesNotExist();
        assertNoPartialFileIn(dir);
    }

    /**
     * A 0-byte file is refused as the hub's intake refuses it (FILE_EMPTY, its words), whatever its format: it was a
     * missing header for a CSV whose header is on line 1 and FILE_MALFORMED for an xlsx. Checked before the name, as
     * the intake does.
     */
    @Test
    void exitsWith2WithTheIntakesFileEmptyForAZeroByteFileOfAnyFormat() throws Exception {
        Path headerOnLineOne = Files.writeString(dir.resolve("h1.yaml"), """
                source: h1-test
                category: VEGETABLE
                operator: { uscc: 91310000631696382C, nodeType: WHOLESALE }
                files:
                  - match: "进货_*.csv"
                    format: csv
                    encoding: UTF-8
                    header: 1
                    step: WHOLESALE
                    key: [单号]
                    fields: &fields
                      traceCode: { column: 追溯码 }
                      time: { column: 时间, date: "yyyy-MM-dd HH:mm" }
                  - match: "进货_*.xlsx"
                    format: xlsx
                    step: WHOLESALE
                    key: [单号]
                    fields: *fields
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("empty.xml");

        for (Path empty : List.of(Files.createFile(dir.resolve("进货_20261130.csv")), Files.createFile(dir.resolve("进货_20261130.xlsx")),
                Files.createFile(dir.resolve("sales.csv")))) {
            CliRun.Result result = CliRun.run("convert", "--spec", headerOnLineOne.toString(), empty.toString(), "--out", out.toString());

            assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.UNUSABLE);
            assertThat(result.out()).as(empty.toString()).isEqualTo("文件无法处理（FILE_EMPTY）：文件为空（0字节），请检查导出是否完整\n");
            assertThat(out).doesNotExist();
        }
    }

    /** "/" has no file name (it was a bare NullPointerException); a directory failed only after the whole conversion. */
    @Test
    void refusesAnOutThatIsNoFileBeforeConvertingWithExit2() throws Exception {
        Path existingDirectory = Files.createDirectories(dir.resolve("out"));

        for (String target : List.of("/", existingDirectory.toString(), dir + "/", ".")) {
            CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), sample.toString(), "--out", target);

            assertThat(result.exitCode()).as(target).isEqualTo(CliExitCodes.UNUSABLE);
            assertThat(result.out() + result.err()).as(target).doesNotContain("Exception")
                    .startsWith("无法写出标准文档（OUTPUT_FAILED）：--out 应为要写入的文件，“" + Path.of(target) + "”是目录")
                    .doesNotContain("共读取");
        }
        assertThat(existingDirectory).isEmptyDirectory();
        assertNoPartialFileIn(dir);
    }

    @Test
    void refusesAnOutInAFolderThatDoesNotExistBeforeConverting() {
        Path target = dir.resolve("no-such-folder").resolve("out.xml");

        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), sample.toString(), "--out", target.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).isEqualTo("无法写出标准文档（OUTPUT_FAILED）：--out 所在的目录“" + target.getParent() + "”不存在\n");
    }

    private static void assertNoPartialFileIn(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial file left").noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void theDocumentGetsTheFolderUsersDefaultPermissionsOrThoseOfTheFileItReplaces() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        // what any new file gets here: the process's umask (rw-r--r-- for the usual 022), not the temp file's rw-------
        Path probe = Files.createFile(dir.resolve("probe.txt"));
        Path fresh = dir.resolve("fresh.xml");

        CliRun.Result first = CliRun.run("convert", "--spec", spec.toString(), sample.toString(), "--out", fresh.toString());

        assertThat(first.exitCode()).as(first.out()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(probe));

        Path shared = Files.writeString(dir.resolve("shared.xml"), "the document of yesterday");
        Set<PosixFilePermission> groupWritable = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(shared, groupWritable);

        CliRun.Result again = CliRun.run("convert", "--spec", spec.toString(), sample.toString(), "--out", shared.toString());

        assertThat(again.exitCode()).as(again.out()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(events(Files.readAllBytes(shared))).hasSize(7);
        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(groupWritable);
        assertNoPartialFileIn(dir);
    }

    @Test
    void exitsWith0WhenEveryRowIsAccepted() throws Exception {
        Set<String> rejectedRows = findings().stream().filter(c -> "ERROR".equals(c[3])).map(c -> c[0]).collect(Collectors.toSet());
        List<String> lines = Files.readAllLines(sample, GB18030);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!rejectedRows.contains(String.valueOf(i + 1))) {
                kept.add(lines.get(i));
            }
        }
        Path clean = Files.write(dir.resolve("交易明细_20261128.csv"), kept, GB18030);
        Path out = dir.resolve("out.xml");

        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), clean.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(CliExitCodes.OK);
        assertThat(events(Files.readAllBytes(out))).hasSize(7);
        assertThat(result.out()).contains("共读取7行：接受7行，拒绝0行，跳过1行，1行有警告");
    }

    @Test
    void writesTheDocumentToStandardOutputAndTheReportToStandardErrorWithoutOut() throws Exception {
        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), sample.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.REJECTED);
        assertThat(events(result.outBytes())).hasSize(7);
        assertThat(result.err()).startsWith("行号\t列\t字段").contains("USCC_CHARACTER").contains("共读取10行");
    }

    @Test
    void exitsWith2AndListsTheProblemsOfABrokenSpec() throws Exception {
        Files.writeString(spec, Files.readString(spec).replace("traceCode:", "traceCod:").replace("category: MEAT", "category: MEET"));

        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), sample.toString(), "--out", dir.resolve("x.xml").toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out().lines()).first().asString().startsWith("映射文件无法使用（SPEC_INVALID，2处问题）");
        assertThat(result.out()).contains(spec + ":6: category: 'MEET' is not one of").contains("fields.traceCod: unknown standard field");
        assertThat(dir.resolve("x.xml")).doesNotExist();
    }

    /** The hub's intake code for the same file (FILE_UNKNOWN), not one of the CLI's own. */
    @Test
    void exitsWith2WithTheHubsFileUnknownWhenTheFileNameFitsNoFileKindOrFileNotFoundWhenTheFileIsMissing() throws Exception {
        Path renamed = Files.copy(sample, dir.resolve("sales.csv"));

        CliRun.Result unknown = CliRun.run("convert", "--spec", spec.toString(), renamed.toString(), "--out", dir.resolve("x.xml").toString());
        CliRun.Result missing = CliRun.run("convert", "--spec", spec.toString(), dir.resolve("交易明细_1.csv").toString());

        assertThat(unknown.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(unknown.out()).isEqualTo("文件无法处理（FILE_UNKNOWN）：无法识别的文件名“sales.csv”，映射 meat-wholesale-xj 可接受的文件名为：交易明细_*.csv\n");
        assertThat(missing.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(missing.err()).contains("FILE_NOT_FOUND");
    }

    @Test
    void exitsWith2OnAFileLevelProblemAndLeavesNoDocument() throws Exception {
        Path wrongHeader = Files.writeString(dir.resolve("交易明细_20261129.csv"), "标题\n序号,交易凭证号\n1,XJ1\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out.xml");

        CliRun.Result result = CliRun.run("convert", "--spec", spec.toString(), wrongHeader.toString(), "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).startsWith("文件无法处理（FILE_HEADER_MISSING，第2行）：表头（第2行）缺少列：追溯码、交易时间");
        assertThat(out).doesNotExist();
    }

    @Test
    void exitsWith2WithoutTheRequiredArguments() {
        CliRun.Result result = CliRun.run("convert", "only-input.csv");

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.err()).contains("--spec");
    }

    private static List<TraceEvent> events(byte[] document) {
        List<TraceEvent> events = new ArrayList<>();
        try (StandardDocumentReader reader = new StandardDocumentReader(new ByteArrayInputStream(document))) {
            reader.forEachRemaining(events::add);
        }
        return events;
    }

    /** The golden findings of the sample: row, column, field, severity, code, value. */
    private static List<String[]> findings() throws Exception {
        try (InputStream in = ConvertCommandTest.class.getClassLoader().getResourceAsStream(FINDINGS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",", -1)).toList();
        }
    }

    /** The golden findings as "row\tcode\tvalue". */
    private static List<String> expectedFindings() throws Exception {
        return findings().stream().map(c -> c[0] + "\t" + c[4] + "\t" + c[5]).toList();
    }

    private static String rowCodeValue(String line) {
        String[] c = line.split("\t", -1);
        return c[0] + "\t" + c[4] + "\t" + c[6];
    }
}
