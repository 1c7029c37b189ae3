package org.tracehub.mappings.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Severity;

class PositionedColumnsCheckTest {

    private static final String SPEC = """
            source: veg-test
            category: VEGETABLE
            operator: { uscc: 91310000631696382C, name: 测试蔬菜批发市场, nodeCode: "310112001", nodeType: WHOLESALE }
            files:
              - match: "*.csv"
                format: csv
                step: WHOLESALE
                key: [单号]
                fields:
                  traceCode: { column: 追溯码 }
                  time: { column: 时间, date: ["yyyy/M/d H:mm"] }
            %s
            """;
    private static final List<String> BEFORE = List.of("单号", "追溯码", "时间", "品名", "重量");

    @TempDir
    Path dir;

    @Test
    void aReadPositionWhoseTitleChangedIsOneWarningOfTheFileNamingThePositionTheFieldsAndBothTitles() throws Exception {
        FileSpec file = file("""
                      product.name: { index: 4 }
                      quantity: { index: 5, unit: 斤 }
                """);

        List<RowError> warnings = PositionedColumnsCheck.compare(file, BEFORE,
                List.of("单号", "追溯码", "时间", "摊位", "品名", "重量"), "a.csv，批次 B1");

        assertThat(warnings).extracting(RowError::row, RowError::column, RowError::field, RowError::severity, RowError::code, RowError::value)
                .containsExactly(tuple(0L, "第4列", "product.name", Severity.WARNING, ErrorCodes.INDEX_COLUMN_CHANGED, "摊位"),
                        tuple(0L, "第5列", "quantity", Severity.WARNING, ErrorCodes.INDEX_COLUMN_CHANGED, "品名"));
        assertThat(warnings.get(0).message()).contains("第4列", "上次接收的文件（a.csv，批次 B1）中为“品名”，本文件中为“摊位”");
    }

    @Test
    void titlesThatDifferOnlyInSurroundingSpacesOrAColumnAppendedAfterTheReadPositionsAreNoWarning() throws Exception {
        FileSpec file = file("""
                      product.name: { index: 4 }
                """);

        assertThat(PositionedColumnsCheck.compare(file, BEFORE, List.of("单号", "追溯码", "时间", " 品名 ", "重量", "备注"), "a.csv"))
                .isEmpty();
    }

    @Test
    void aHeaderThatNoLongerReachesAReadPositionIsWarnedWithAnEmptyTitle() throws Exception {
        FileSpec file = file("""
                      product.name: { index: 4 }
                """);

        assertThat(PositionedColumnsCheck.compare(file, BEFORE, List.of("单号", "追溯码", "时间"), "a.csv"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("中为“品名”，本文件中为“”"));
    }

    @Test
    void aSpecThatReadsNothingByPositionComparesNothing() throws Exception {
        FileSpec file = file("""
                      product.name: { column: 品名 }
                """);

        assertThat(PositionedColumnsCheck.compare(file, BEFORE, List.of("完全", "不同"), "a.csv")).isEmpty();
    }

    private FileSpec file(String fields) throws Exception {
        String yaml = SPEC.formatted("").stripTrailing() + "\n" + fields;
        return new SpecLoader().load(Files.writeString(dir.resolve("spec.yaml"), yaml, StandardCharsets.UTF_8)).files().get(0);
    }
}
