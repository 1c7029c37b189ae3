package org.tracehub.mappings.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.catalog.SpecCatalog;

/** The digest the import job keeps with an attempt, to tell whether the spec it started with is still the one in use. */
class SpecFingerprintTest {

    private static final String SPEC = """
            source: veg-test
            name: 测试蔬菜批发市场
            category: VEGETABLE
            operator: { uscc: 91310000631696382C, nodeType: WHOLESALE }
            rejectThreshold: 0.5
            lookups:
              units: { 斤: JIN, 公斤: KG, 吨: T }
            files:
              - match: "进货_*.csv"
                format: csv
                step: WHOLESALE
                key: [单号]
                fields:
                  traceCode: { column: 追溯码 }
            """;

    @TempDir
    Path dir;

    @Test
    void everyBuiltInSpecLoadedAgainHasTheSameFingerprintAndNoTwoShareOne() {
        Map<String, String> first = SpecCatalog.builtIn().all().stream()
                .collect(Collectors.toMap(MappingSpec::source, MappingSpec::fingerprint));
        Map<String, String> again = SpecCatalog.builtIn().all().stream()
                .collect(Collectors.toMap(MappingSpec::source, MappingSpec::fingerprint));

        assertThat(first).isNotEmpty().isEqualTo(again);
        assertThat(first.values()).doesNotHaveDuplicates().allMatch(f -> f.matches("[0-9a-f]{64}"));
    }

    @Test
    void whatTheSpecSaysChangesTheFingerprintWhereItWasReadFromAndTheOrderOfALookupDoNot() throws Exception {
        String same = load(SPEC, "a/veg-test.yaml").fingerprint();

        assertThat(load(SPEC, "elsewhere/veg-test.yaml").fingerprint()).isEqualTo(same);
        assertThat(load(SPEC.replace("{ 斤: JIN, 公斤: KG, 吨: T }", "{ 吨: T, 公斤: KG, 斤: JIN }"), "a/veg-test.yaml").fingerprint())
                .isEqualTo(same);
        assertThat(load(SPEC.replace("rejectThreshold: 0.5", "rejectThreshold: 0.1"), "a/veg-test.yaml").fingerprint())
                .isNotEqualTo(same);
        assertThat(load(SPEC.replace("公斤: KG", "公斤: KGM"), "a/veg-test.yaml").fingerprint()).isNotEqualTo(same);
        assertThat(load(SPEC.replace("key: [单号]", "key: [单号, 追溯码]"), "a/veg-test.yaml").fingerprint()).isNotEqualTo(same);
    }

    /** A field of a spec as one release writes it, and as the next, which added two optional components. */
    static final class ThisRelease {
        record Field(String column, List<String> units) {
        }
    }

    static final class NextRelease {
        record Field(String column, List<String> units, boolean required, String example, List<String> aliases) {
        }
    }

    @Test
    void aComponentALaterReleaseAddsLeavesTheFingerprintOfASpecThatDoesNotSetIt() {
        String before = SpecFingerprint.of(new ThisRelease.Field("地块编号", List.of("斤")));

        // a batch half-converted before the upgrade is resumed after it, not failed SPEC_CHANGED
        assertThat(SpecFingerprint.of(new NextRelease.Field("地块编号", List.of("斤"), false, null, List.of()))).isEqualTo(before);
        assertThat(SpecFingerprint.of(new NextRelease.Field("地块编号", List.of("斤"), true, null, List.of()))).isNotEqualTo(before);
        assertThat(SpecFingerprint.of(new NextRelease.Field("地块编号", List.of("斤"), false, "CM021-7", List.of()))).isNotEqualTo(before);
        assertThat(SpecFingerprint.of(new NextRelease.Field("地块编号", List.of(), false, null, List.of()))).isNotEqualTo(before);
    }

    @Test
    void aLookupFileThatChangesChangesTheFingerprintOfTheSpecThatReadsIt() throws Exception {
        String spec = SPEC.replace("units: { 斤: JIN, 公斤: KG, 吨: T }", "units: { file: units.csv }");
        Path file = dir.resolve("veg-test.yaml");
        Files.writeString(file, spec);
        Files.writeString(dir.resolve("units.csv"), "legacy,standard\n斤,JIN\n公斤,KG\n");
        String before = new SpecLoader().load(file).fingerprint();

        Files.writeString(dir.resolve("units.csv"), "legacy,standard\n斤,JIN\n公斤,KGM\n");

        assertThat(new SpecLoader().load(file).fingerprint()).isNotEqualTo(before);
    }

    private static MappingSpec load(String yaml, String origin) {
        return new SpecLoader().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), origin);
    }
}
