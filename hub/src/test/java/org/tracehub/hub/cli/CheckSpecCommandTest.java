package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.schemas.validation.RegionCodeValidator;

class CheckSpecCommandTest {

    /** A spec whose operator, origin and product are constants (line 3: the operator; 11: the origin; 12: the product). */
    private static final String VEGETABLE_SPEC_WITH_CONSTANTS = """
            source: veg-test
            category: VEGETABLE
            operator: { uscc: 9131000063169638IO, nodeType: WHOLESALE }
            files:
              - match: "*.csv"
                format: csv
                step: WHOLESALE
                key: [单号]
                fields:
                  traceCode: { column: 追溯码 }
                  origin: { value: "999999" }
                  product.gtin: { value: "6901234567890" }
            """;

    @TempDir
    Path dir;

    @Test
    void passesAValidSpecWithExit0() throws Exception {
        Path spec = CliRun.copy("sources/meat-wholesale-xj.yaml", dir);

        CliRun.Result result = CliRun.run("check-spec", spec.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.OK);
        assertThat(result.out()).isEqualTo("通过 " + spec + "：来源 meat-wholesale-xj（MEAT），1种文件：交易明细_*.csv\n");
    }

    @Test
    void notesARecordKeyOtherThanTheBuiltInVersionsWithWhatItDoesToEarlierRecordsAndHowToReprocess() throws Exception {
        Path spec = CliRun.copy("sources/meat-wholesale-xj.yaml", dir);
        Files.writeString(spec, Files.readString(spec, StandardCharsets.UTF_8).replace("key: [交易凭证号, 追溯码]", "key: [交易凭证号]"),
                StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("check-spec", spec.toString());

        assertThat(result.exitCode()).as("a note, not a refusal").isEqualTo(CliExitCodes.OK);
        assertThat(result.out()).startsWith("通过 " + spec + "：来源 meat-wholesale-xj（MEAT），1种文件：交易明细_*.csv；1处提示：\n"
                + "  注意 来源“meat-wholesale-xj”的文件类型 交易明细_*.csv 的记录键由 [交易凭证号, 追溯码] 改为 [交易凭证号]（与内置版本相比）")
                .contains("此前入库的记录保留按旧记录键生成的事件编号", "/console/batches?source=meat-wholesale-xj",
                        "POST /api/batches/{id}/reprocess");
    }

    @Test
    void listsEveryProblemOfEachRefusedSpecWithFileLineAndKeyAndExits2() throws Exception {
        Path good = CliRun.copy("sources/meat-wholesale-xj.yaml", dir);
        Path bad = Files.writeString(dir.resolve("veg-test.yaml"), """
                source: Veg_Test
                category: VEGETABLE
                files:
                  - match: "*.xlsx"
                    format: xlsx
                    delimiter: ";"
                    step: WHOLESALE
                    key: [单号]
                    fields:
                      traceCode: { column: 追溯码, expr: "T(java.lang.Runtime).getRuntime()" }
                """, StandardCharsets.UTF_8);
        Path missing = dir.resolve("nowhere.yaml");

        CliRun.Result result = CliRun.run("check-spec", good.toString(), bad.toString(), missing.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out().lines()).containsExactly(
                "通过 " + good + "：来源 meat-wholesale-xj（MEAT），1种文件：交易明细_*.csv",
                "未通过 " + bad + "（SPEC_INVALID，3处问题）：",
                "  " + bad + ":1: source: source id must be lower-case letters, digits and '-' (it is also the SFTP account name)",
                "  " + bad + ":6: delimiter: only for csv files, this one is xlsx",
                "  " + bad + ":10: fields.traceCode.expr: type references (T(…)) are not allowed in 'T(java.lang.Runtime)'",
                "未通过 " + missing + "：找不到文件（FILE_NOT_FOUND）",
                "共3个映射文件：通过1个，未通过2个");
    }

    /** Constants every row carries: an invalid one fails the check as convert would fail every row; a warned one is a note. */
    @Test
    void refusesConstantsEveryRowWouldBeRejectedForAndNotesTheOnesItWouldOnlyWarnAbout() throws Exception {
        Path refused = Files.writeString(dir.resolve("veg-test.yaml"), VEGETABLE_SPEC_WITH_CONSTANTS, StandardCharsets.UTF_8);
        Path noted = Files.writeString(dir.resolve("veg-noted.yaml"), Files.readString(refused)
                .replace("source: veg-test", "source: veg-noted").replace("9131000063169638IO", "91110000600037341N")
                .replace("999999", "371202").replace("6901234567890", "6901234567892"), StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("check-spec", refused.toString(), noted.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out().lines()).containsExactly(
                "未通过 " + refused + "（SPEC_INVALID，3处问题）：",
                "  " + refused + ":3: operator.uscc: '9131000063169638IO' would reject every row: USCC_CHARACTER "
                        + "统一社会信用代码第17位“I”不是允许的字符（不含I、O、S、V、Z及小写字母）",
                "  " + refused + ":11: fields.origin.value: '999999' would reject every row: REGION_UNKNOWN 行政区划代码999999不在GB/T 2260代码表中",
                "  " + refused + ":12: fields.product.gtin.value: '6901234567890' would reject every row: GTIN_CHECK_DIGIT 商品条码（GTIN）校验位应为2",
                "通过 " + noted + "：来源 veg-noted（VEGETABLE），1种文件：*.csv；2处提示：",
                "  注意 " + noted + ":3: operator.uscc: '91110000600037341N' gives every row a warning: USCC_CHECK_DIGIT "
                        + "统一社会信用代码校验位应为“L”，请核对（早期试点代码可能如此）",
                "  注意 " + noted + ":11: fields.origin.value: '371202' gives every row a warning: REGION_NOT_CURRENT "
                        + "行政区划代码371202不在现行GB/T 2260代码表中，可能为已撤销的旧代码（山东省），请核对",
                "共2个映射文件：通过1个，未通过1个");
    }

    /** The server's table, with the codes {@code hub.standard.extra-region-codes} adds, checks a spec's constant origin. */
    @Test
    void acceptsAConstantOriginTheHubsSettingAdds() throws Exception {
        Path spec = Files.writeString(dir.resolve("veg-new-district.yaml"), VEGETABLE_SPEC_WITH_CONSTANTS
                .replace("source: veg-test", "source: veg-new-district").replace("9131000063169638IO", "91110000600037341L")
                .replace("999999", "310199").replace("6901234567890", "6901234567892"), StandardCharsets.UTF_8);

        CliRun.Result shipped = CliRun.run("check-spec", spec.toString());
        CliRun.Result added = CliRun.run("check-spec", spec.toString(), "--hub.standard.extra-region-codes.310199=新设区");

        assertThat(shipped.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(shipped.out()).contains("fields.origin.value: '310199' would reject every row: REGION_UNKNOWN");
        assertThat(added.exitCode()).as(added.out() + added.err()).isEqualTo(CliExitCodes.OK);
        assertThat(added.out()).doesNotContain("310199");
    }

    @AfterEach
    void shippedTableAgain() {
        RegionCodeValidator.useInProcess(RegionCodeValidator.shipped());
    }

    @Test
    void refusesACopiedSpecThatWouldReplaceABuiltInSourceUnderAnotherFileName() throws Exception {
        Path copy = Files.move(CliRun.copy("sources/gascyl-fill-pudong.yaml", dir), dir.resolve("gascyl-fill-minhang.yaml"));

        CliRun.Result result = CliRun.run("check-spec", copy.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).contains("未通过 " + copy + "（SPEC_INVALID，1处问题）：")
                .contains(copy + ":10: source: source 'gascyl-fill-pudong' is a built-in source")
                .contains("name the file gascyl-fill-pudong.yaml");
    }

    @Test
    void readsLookupFilesBesideTheSpec() throws Exception {
        Files.createDirectories(dir.resolve("lookups"));
        Files.writeString(dir.resolve("lookups/veg.csv"), "legacy,standard\n青菜,030101\n青菜,030102\n", StandardCharsets.UTF_8);
        Path spec = Files.writeString(dir.resolve("veg.yaml"), """
                source: veg-test
                category: VEGETABLE
                files:
                  - match: "*.csv"
                    format: csv
                    step: WHOLESALE
                    key: [单号]
                    fields:
                      product.code: { column: 品名, lookup: veg }
                lookups:
                  veg: { file: lookups/veg.csv }
                """, StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("check-spec", spec.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).contains(spec + ":11: lookups.veg.file: lookups/veg.csv line 3: duplicate entry '青菜'");
    }

    @Test
    void refusesATraceCodePatternThatDoesNotCompileOrCouldBacktrackCatastrophically() throws Exception {
        String spec = """
                source: veg-test
                category: VEGETABLE
                traceCodePattern: '%s'
                files:
                  - match: "*.csv"
                    format: csv
                    step: WHOLESALE
                    key: [单号]
                    fields:
                      traceCode: { column: 追溯码 }
                """;
        Path broken = Files.writeString(dir.resolve("veg-broken.yaml"), spec.formatted("VT[0-9"), StandardCharsets.UTF_8);
        Path nested = Files.writeString(dir.resolve("veg-nested.yaml"), spec.formatted("VT(\\d+)+"), StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("check-spec", broken.toString(), nested.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out()).contains(broken + ":3: traceCodePattern: 'VT[0-9': not a valid regular expression")
                .contains(nested + ":3: traceCodePattern: 'VT(\\d+)+': the repeated group '(\\d+)+' holds a repetition itself")
                .contains("共2个映射文件：通过0个，未通过2个");
    }

    private static final String NEW_SOURCE = """
            source: veg-new
            category: VEGETABLE
            files:
              - match: "*.csv"
                format: csv
                step: WHOLESALE
                key: [单号]
                fields:
                  traceCode: { column: 追溯码 }
            """;

    /** The hub's spec folder reads *.yaml and *.yml as written: a spec under another name would pass and never be used. */
    @Test
    void refusesAFileTheSpecFolderWouldIgnoreForItsNameSayingSo() throws Exception {
        Path upper = Files.writeString(dir.resolve("veg-new.YAML"), NEW_SOURCE, StandardCharsets.UTF_8);
        Path backup = Files.writeString(dir.resolve("veg-new.yaml.bak"), NEW_SOURCE, StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("check-spec", upper.toString(), backup.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        for (Path file : java.util.List.of(upper, backup)) {
            assertThat(result.out()).contains("未通过 " + file + "（SPEC_INVALID，")
                    .contains("  " + file + ":0: file name: the hub's spec folder reads only files whose names end in .yaml or .yml"
                            + " (lower case): this file would be ignored");
        }
        assertThat(result.out()).doesNotContain("通过 " + upper + "：").contains("共2个映射文件：通过0个，未通过2个");
    }

    /** As the folder refuses a copy of a source's spec kept beside it (SpecCatalog.shadowed), not both "passed". */
    @Test
    void refusesASecondFileForTheSameSourceAsTheSpecFolderWould() throws Exception {
        Path spec = Files.writeString(dir.resolve("veg-new.yaml"), NEW_SOURCE, StandardCharsets.UTF_8);
        Path copy = Files.writeString(dir.resolve("veg-new-copy.yaml"), NEW_SOURCE, StandardCharsets.UTF_8);

        CliRun.Result result = CliRun.run("check-spec", copy.toString(), spec.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out().lines()).containsExactly(
                "未通过 " + copy + "（SPEC_INVALID，1处问题）：",
                "  " + copy + ":1: source: source 'veg-new' is already mapped by veg-new.yaml, which is used; this file is ignored:"
                        + " remove it, or give it a source of its own",
                "通过 " + spec + "：来源 veg-new（VEGETABLE），1种文件：*.csv",
                "共2个映射文件：通过1个，未通过1个");
    }

    /** It said 找不到文件 of a folder: now the folder's spec files, as the hub reads them, and the look-alikes it ignores. */
    @Test
    void checksAFolderAsTheHubsSpecFolderReadsIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("sources"));
        Path spec = Files.writeString(folder.resolve("veg-new.yaml"), NEW_SOURCE, StandardCharsets.UTF_8);
        Path other = Files.writeString(folder.resolve("veg-other.yml"), NEW_SOURCE.replace("veg-new", "veg-other"), StandardCharsets.UTF_8);
        Path copy = Files.writeString(folder.resolve("veg-new_backup.yaml"), NEW_SOURCE, StandardCharsets.UTF_8);
        Path aside = Files.writeString(folder.resolve("veg-new.yaml.bak"), "not even a spec", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("说明.txt"), "notes", StandardCharsets.UTF_8);
        Files.createDirectories(folder.resolve("lookups"));

        CliRun.Result result = CliRun.run("check-spec", folder.toString());

        assertThat(result.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(result.out().lines()).containsExactly(
                "通过 " + spec + "：来源 veg-new（VEGETABLE），1种文件：*.csv",
                "未通过 " + copy + "（SPEC_INVALID，1处问题）：",
                "  " + copy + ":1: source: source 'veg-new' is already mapped by veg-new.yaml, which is used; this file is ignored:"
                        + " remove it, or give it a source of its own",
                "通过 " + other + "：来源 veg-other（VEGETABLE），1种文件：*.csv",
                "忽略 " + aside + "：平台不会读取此文件（the hub's spec folder reads only files whose names end in .yaml or .yml"
                        + " (lower case): this file would be ignored; name it <source>.yaml）",
                "共3个映射文件：通过2个，未通过1个");

        Files.delete(copy);
        assertThat(CliRun.run("check-spec", folder.toString()).exitCode()).isEqualTo(CliExitCodes.OK);
        CliRun.Result empty = CliRun.run("check-spec", Files.createDirectories(dir.resolve("empty")).toString());
        assertThat(empty.exitCode()).isEqualTo(CliExitCodes.UNUSABLE);
        assertThat(empty.out()).contains("目录中没有映射文件");
    }
}
