package org.tracehub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckSpecCommandTest {

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
}
