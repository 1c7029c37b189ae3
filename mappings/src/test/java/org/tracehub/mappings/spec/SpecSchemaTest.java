package org.tracehub.mappings.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The JSON Schema and the loader agree: what the catalogue ships passes both, and mistakes fail both. */
class SpecSchemaTest {

    private static final String VALID = """
            source: schema-test
            category: MEAT
            files:
              - match: "*.csv"
                format: csv
                step: WHOLESALE
                key: [单号]
                fields:
                  traceCode: { column: 追溯码 }
            """;

    @TempDir
    Path dir;

    @Test
    void everyBuiltInSpecIsValidAgainstTheSchema() throws Exception {
        Resource[] specs = new PathMatchingResourcePatternResolver().getResources("classpath*:sources/*.yaml");
        assertThat(specs).as("built-in specs").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Resource r : specs) {
            try (InputStream in = r.getInputStream()) {
                SpecSchema.errors(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .forEach(e -> problems.add(r.getFilename() + ": " + e));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theMinimalSpecIsValidForBoth() throws Exception {
        assertThat(SpecSchema.errors(VALID)).isEmpty();
        assertThat(new SpecLoader().load(Files.writeString(dir.resolve("ok.yaml"), VALID, StandardCharsets.UTF_8)).source())
                .isEqualTo("schema-test");
    }

    static Stream<Arguments> brokenSpecs() {
        return Stream.of(
                Arguments.of("an unknown top-level key", VALID + "lookup: {}\n"),
                Arguments.of("a source id with capitals", VALID.replace("source: schema-test", "source: Schema_Test")),
                Arguments.of("no files", "source: schema-test\ncategory: MEAT\n"),
                Arguments.of("header 0", VALID.replace("format: csv", "format: csv\n    header: 0")),
                Arguments.of("an unknown format", VALID.replace("format: csv", "format: json")),
                Arguments.of("a sheet on a csv file", VALID.replace("format: csv", "format: csv\n    sheet: 明细")),
                Arguments.of("a two-character delimiter", VALID.replace("format: csv", "format: csv\n    delimiter: \";;\"")),
                Arguments.of("an xml file without record", VALID.replace("format: csv", "format: xml")
                        .replace("{ column: 追溯码 }", "{ path: 追溯码 }")),
                Arguments.of("encoding on a workbook", VALID.replace("format: csv", "format: xlsx\n    encoding: GBK")),
                Arguments.of("column and index together", VALID.replace("{ column: 追溯码 }", "{ column: 追溯码, index: 2 }")),
                Arguments.of("a field without a source", VALID.replace("{ column: 追溯码 }", "{ split: \";\" }")),
                Arguments.of("a constant with a default", VALID.replace("{ column: 追溯码 }", "{ value: A, default: B }")),
                Arguments.of("an unknown field key", VALID.replace("{ column: 追溯码 }", "{ colum: 追溯码 }")),
                Arguments.of("an incomplete skip rule", VALID.replace("key: [单号]", "key: [单号]\n    skip: { column: 序号 }")),
                Arguments.of("a lookup file outside the folder", VALID + "lookups:\n  x: { file: ../x.csv }\n"),
                Arguments.of("a reject threshold above 1", VALID + "rejectThreshold: 1.5\n"),
                Arguments.of("a load mode that does not exist", VALID + "load: weekly\n"),
                Arguments.of("a trace-code example without its pattern", VALID + "traceCodeExample: XJM2611270001\n"),
                Arguments.of("an empty trace-code pattern", VALID + "traceCodePattern: ''\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSpecs")
    void aBrokenSpecFailsTheSchemaAndTheLoader(String mistake, String yaml) throws Exception {
        assertThat(SpecSchema.errors(yaml)).as("schema errors for " + mistake).isNotEmpty();
        Path file = Files.writeString(dir.resolve("broken.yaml"), yaml, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SpecLoader().load(file)).as("loader for " + mistake).isInstanceOf(SpecException.class);
    }
}
