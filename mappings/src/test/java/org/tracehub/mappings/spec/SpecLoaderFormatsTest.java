package org.tracehub.mappings.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys for spreadsheets, XML, CSV quoting, expressions, defaults, time columns and lookup files. */
class SpecLoaderFormatsTest {

    private static final String HEAD = """
            source: fmt-test
            category: DAIRY
            files:
            """;

    @TempDir
    Path dir;

    @Test
    void readsTheSpreadsheetKeys() throws Exception {
        FileSpec file = load(HEAD + """
                  - match: "*.xlsx"
                    format: xlsx
                    sheet: 进货明细
                    header: 3
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号 }
                      time: { column: 日期, timeColumn: 时间, date: [excel-serial, "yyyy-MM-dd HH:mm"] }
                """).files().get(0);

        assertThat(file.format()).isEqualTo(FileFormat.XLSX);
        assertThat(file.sheet()).isEqualTo("进货明细");
        assertThat(file.headerRow()).isEqualTo(3);
        FieldMapping time = file.fields().get(1);
        assertThat(time.timeColumn()).isEqualTo("时间");
        assertThat(time.datePatterns()).containsExactly("excel-serial", "yyyy-MM-dd HH:mm");
        assertThat(file.columnsRead()).containsExactly("批号", "日期", "时间", "单号");
    }

    @Test
    void readsTheXmlKeys() throws Exception {
        FileSpec file = load(HEAD + """
                  - match: "*.xml"
                    format: xml
                    encoding: GBK
                    record: "/m:Report/m:Batches/m:Batch"
                    namespaces: { m: "urn:example:mes:2", qa: "urn:example:qa:1" }
                    step: PROCESS
                    key: ["@id"]
                    skip: { column: m:Status, equals: 作废 }
                    fields:
                      traceCode: { path: "@id" }
                      inputs: { path: "m:RawMilk/m:Lot", split: ";" }
                      extension.dairy.testResult: { path: "qa:Release/@result" }
                      product.name: { path: "." }
                """).files().get(0);

        assertThat(file.record()).isEqualTo("/m:Report/m:Batches/m:Batch");
        assertThat(file.namespaces()).containsExactlyInAnyOrderEntriesOf(Map.of("m", "urn:example:mes:2", "qa", "urn:example:qa:1"));
        assertThat(file.encoding()).isEqualTo("GBK");
        assertThat(file.fields()).extracting(FieldMapping::path).containsExactly("@id", "m:RawMilk/m:Lot", "qa:Release/@result", ".");
        assertThat(file.fields().get(0).columnLabel()).isEqualTo("@id");
        assertThat(file.columnsRead()).containsExactly("@id", "m:RawMilk/m:Lot", "qa:Release/@result", ".", "m:Status");
    }

    @Test
    void readsCsvQuotingAndRecordLength() throws Exception {
        FileSpec file = load(HEAD + """
                  - match: "*.txt"
                    format: csv
                    delimiter: "|"
                    quote: "'"
                    maxRecordLength: 5000
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号 }
                """).files().get(0);

        assertThat(file.delimiter()).isEqualTo('|');
        assertThat(file.quote()).isEqualTo('\'');
        assertThat(file.maxRecordLength()).isEqualTo(5000);
    }

    @Test
    void appliesTheCsvDefaults() throws Exception {
        FileSpec file = load(HEAD + """
                  - match: "*.csv"
                    format: csv
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号 }
                """).files().get(0);

        assertThat(file.quote()).isEqualTo('"');
        assertThat(file.maxRecordLength()).isEqualTo(100_000);
        assertThat(file.sheet()).isNull();
        assertThat(file.record()).isNull();
        assertThat(file.namespaces()).isEmpty();
    }

    @Test
    void readsExpressionsAndDefaults() throws Exception {
        FileSpec file = load(HEAD + """
                  - match: "*.csv"
                    format: csv
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { expr: "#concat(['前缀'], ['流水号'])" }
                      product.name: { column: 品名, expr: "#trim(#value)", default: 生鲜乳 }
                """).files().get(0);

        assertThat(file.fields().get(0).expr()).isEqualTo("#concat(['前缀'], ['流水号'])");
        assertThat(file.fields().get(0).columnLabel()).isNull();
        assertThat(file.fields().get(1).defaultValue()).isEqualTo("生鲜乳");
        assertThat(file.columnsRead()).containsExactly("品名", "单号", "前缀", "流水号");
    }

    @Test
    void readsALookupTableFromACsvFileBesideTheSpec() throws Exception {
        Files.createDirectories(dir.resolve("lookups"));
        Files.writeString(dir.resolve("lookups/milk.csv"), "\uFEFFlegacy,standard\n生鲜牛乳,050101\n\n\"巴氏杀菌乳, 950ml\",050201\n",
                StandardCharsets.UTF_8);

        MappingSpec spec = load(HEAD + """
                  - match: "*.csv"
                    format: csv
                    step: RECEIVE
                    key: [单号]
                    fields:
                      product.code: { column: 品名, lookup: milk }
                lookups:
                  milk: { file: lookups/milk.csv }
                  inline: { file: x, 其他: y }
                """);

        assertThat(spec.lookups().get("milk")).containsExactlyInAnyOrderEntriesOf(Map.of("生鲜牛乳", "050101", "巴氏杀菌乳, 950ml", "050201"));
        // a table with more keys than 'file' is an inline table
        assertThat(spec.lookups().get("inline")).containsEntry("file", "x");
    }

    @Test
    void reportsLookupFileMistakesWithTheSpecLineAndTheCsvLine() throws Exception {
        Files.createDirectories(dir.resolve("lookups"));
        Files.writeString(dir.resolve("lookups/dup.csv"), "legacy,standard\n青菜,0301\n白菜,\n青菜,0302\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("lookups/head.csv"), "旧值,新值\n青菜,0301\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("lookups/gbk.csv"), "legacy,standard\n青菜,0301\n".getBytes("GBK"));

        List<SpecProblem> problems = problems(HEAD + """
                  - match: "*.csv"
                    format: csv
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号 }
                lookups:
                  dup: { file: lookups/dup.csv }
                  head: { file: lookups/head.csv }
                  gone: { file: lookups/gone.csv }
                  escape: { file: ../../etc/passwd.csv }
                  gbk: { file: lookups/gbk.csv }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key, SpecProblem::message).containsExactly(
                tuple(11, "lookups.dup.file", "lookups/dup.csv line 3: both the legacy and the standard value are needed"),
                tuple(11, "lookups.dup.file", "lookups/dup.csv line 4: duplicate entry '青菜': it is already given above"),
                tuple(12, "lookups.head.file", "lookups/head.csv line 1: the header must be 'legacy,standard', found '旧值,新值'"),
                tuple(13, "lookups.gone.file", "lookup file 'lookups/gone.csv' not found beside the spec"),
                tuple(14, "lookups.escape.file", "give a .csv file relative to the spec's folder, e.g. lookups/meat-products.csv"),
                tuple(15, "lookups.gbk.file", problems.get(5).message()));
        assertThat(problems.get(5).message()).startsWith("cannot read lookup file 'lookups/gbk.csv' as UTF-8 CSV");
    }

    @Test
    void refusesALookupFileForASpecNotLoadedFromAFolder() throws Exception {
        String yaml = HEAD + """
                  - match: "*.csv"
                    format: csv
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号 }
                lookups:
                  milk: { file: lookups/milk.csv }
                """;
        try {
            new SpecLoader().load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "stdin.yaml");
            throw new AssertionError("expected a refusal");
        } catch (SpecException e) {
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("not found").contains("not loaded from a folder"));
        }
    }

    @Test
    void reportsForbiddenExpressionsAtLoadWithFileLineAndKey() throws Exception {
        Path file = write(HEAD + """
                  - match: "*.csv"
                    format: csv
                    step: RECEIVE
                    skip: { when: "T(java.lang.System).exit(1) == 0" }
                    key: [单号]
                    fields:
                      traceCode: { column: 批号, expr: "new java.io.File('/etc/passwd').exists()" }
                      product.name: { expr: "@catalog.toString()" }
                      product.code: { expr: "''.getClass().getName()" }
                      origin: { expr: "#concat(['产地'], " }
                """);

        List<SpecProblem> problems = problems(file);

        assertThat(problems).extracting(SpecProblem::file, SpecProblem::line, SpecProblem::key).containsExactly(
                tuple(file.toString(), 7, "skip.when"),
                tuple(file.toString(), 10, "fields.traceCode.expr"),
                tuple(file.toString(), 11, "fields.product.name.expr"),
                tuple(file.toString(), 12, "fields.product.code.expr"),
                tuple(file.toString(), 13, "fields.origin.expr"));
        assertThat(problems).extracting(SpecProblem::message).satisfiesExactly(
                m -> assertThat(m).startsWith("type references (T(…)) are not allowed"),
                m -> assertThat(m).startsWith("constructors (new …) are not allowed"),
                m -> assertThat(m).startsWith("bean references (@…) are not allowed"),
                m -> assertThat(m).startsWith("method calls are not allowed"),
                m -> assertThat(m).startsWith("cannot parse expression"));
    }

    @Test
    void reportsKeysThatDoNotFitTheFormat() throws Exception {
        List<SpecProblem> problems = problems(HEAD + """
                  - match: "*.csv"
                    format: csv
                    sheet: 1
                    record: /a/b
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { path: 批号 }
                  - match: "*.xlsx"
                    format: xlsx
                    encoding: GBK
                    delimiter: ";"
                    quote: "'"
                    maxRecordLength: 10
                    namespaces: { a: "urn:a" }
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号 }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key, SpecProblem::message).containsExactly(
                tuple(6, "sheet", "only for xls and xlsx files, this one is csv"),
                tuple(7, "record", "only for xml files, this one is csv"),
                tuple(11, "fields.traceCode.path", "path is for xml files; this one is csv, use column"),
                tuple(14, "encoding", "not used for xlsx files: a workbook carries its own encoding"),
                tuple(15, "delimiter", "only for csv files, this one is xlsx"),
                tuple(16, "quote", "only for csv files, this one is xlsx"),
                tuple(17, "maxRecordLength", "only for csv files, this one is xlsx"),
                tuple(18, "namespaces", "only for xml files, this one is xlsx"));
    }

    @Test
    void reportsXmlMistakes() throws Exception {
        List<SpecProblem> problems = problems(HEAD + """
                  - match: "*.xml"
                    format: xml
                    header: 2
                    namespaces: { m: "urn:m" }
                    step: RECEIVE
                    key: ["x:id"]
                    fields:
                      traceCode: { column: 批号 }
                      product.name: { path: "/Report/Name" }
                      product.code: { path: "Product[1]/@code" }
                      origin: { path: "@a/b" }
                  - match: "*.XML"
                    format: xml
                    record: "Report/Batch"
                    step: RECEIVE
                    key: [id]
                    fields:
                      traceCode: { path: id }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key).containsExactly(
                tuple(6, "header"),
                tuple(4, "record"),
                tuple(9, "key"),
                tuple(11, "fields.traceCode"),
                tuple(12, "fields.product.name.path"),
                tuple(13, "fields.product.code.path"),
                tuple(14, "fields.origin.path"),
                tuple(17, "record"));
        assertThat(problems.get(1).message()).startsWith("missing: the absolute path of one record element");
        assertThat(problems.get(2).message()).isEqualTo("prefix 'x:' in 'x:id' is not declared under namespaces");
        assertThat(problems.get(3).message()).startsWith("xml files name values by path");
        assertThat(problems.get(4).message()).contains("is relative to the record element");
        assertThat(problems.get(5).message()).contains("no predicates or wildcards");
        assertThat(problems.get(6).message()).contains("an attribute (@…) can only be the last step");
        assertThat(problems.get(7).message()).isEqualTo("'Report/Batch' must be an absolute element path such as /root/items/item");
    }

    @Test
    void reportsFieldMistakesOfTheNewKeys() throws Exception {
        List<SpecProblem> problems = problems(HEAD + """
                  - match: "*.csv"
                    format: csv
                    quote: ","
                    delimiter: ","
                    maxRecordLength: 0
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号, path: x }
                      product.name: { }
                      origin: { value: "310112", default: "310000" }
                      extension.dairy.productionDate: { column: 日期, timeColumn: 时间, date: yyyy-MM-dd }
                      time: { value: "2026-11-27", timeColumn: 时间, date: yyyy-MM-dd }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key).containsExactly(
                tuple(6, "quote"),
                tuple(8, "maxRecordLength"),
                tuple(12, "fields.traceCode"),
                tuple(12, "fields.traceCode.path"),
                tuple(13, "fields.product.name"),
                tuple(14, "fields.origin.default"),
                tuple(15, "fields.extension.dairy.productionDate.timeColumn"),
                tuple(16, "fields.time.timeColumn"));
        assertThat(problems.get(0).message()).isEqualTo("must differ from the delimiter");
        assertThat(problems.get(2).message()).startsWith("give exactly one of column, index, value or path");
        assertThat(problems.get(6).message()).isEqualTo("only for date-time fields (such as time)");
        assertThat(problems.get(7).message()).isEqualTo("goes with the date's column (or path)");
    }

    @Test
    void refusesARequiredFieldThatCouldNeverBeEmptyOrARequiredThatIsNoBoolean() throws Exception {
        List<SpecProblem> problems = problems(HEAD + """
                  - match: "*.csv"
                    format: csv
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号, required: true }
                      product.name: { column: 品名, required: yes please }
                      origin: { value: "310112", required: true }
                      operator.nodeCode: { column: 地块, default: D-01, required: true }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key).containsExactly(
                tuple(10, "fields.product.name.required"),
                tuple(11, "fields.origin.required"),
                tuple(12, "fields.operator.nodeCode.required"));
        assertThat(problems.get(0).message()).isEqualTo("expected true or false, found 'yes please'");
        assertThat(problems.get(1).message()).isEqualTo("a constant value is never empty, so it cannot be required");
        assertThat(problems.get(2).message()).startsWith("a default fills an empty cell");
    }

    @Test
    void reportsABadSheet() throws Exception {
        List<SpecProblem> problems = problems(HEAD + """
                  - match: "*.xls"
                    format: xls
                    sheet: 0
                    step: RECEIVE
                    key: [单号]
                    fields:
                      traceCode: { column: 批号 }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key, SpecProblem::message)
                .containsExactly(tuple(6, "sheet", "sheet numbers start at 1"));
    }

    private MappingSpec load(String yaml) throws Exception {
        return new SpecLoader().load(write(yaml));
    }

    private List<SpecProblem> problems(String yaml) throws Exception {
        return problems(write(yaml));
    }

    private static List<SpecProblem> problems(Path file) {
        try {
            new SpecLoader().load(file);
        } catch (SpecException e) {
            return e.problems();
        }
        throw new AssertionError("expected the spec to be refused: " + file);
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("spec.yaml"), yaml, StandardCharsets.UTF_8);
    }
}
