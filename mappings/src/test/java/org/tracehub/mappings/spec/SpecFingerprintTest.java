package org.tracehub.mappings.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** A spec with a skip rule and fields of several kinds, for edits that move its lines. */
    private static final String FIELDS = """
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
                skip:
                  - { column: 单号, equals: 合计 }
                key: [单号]
                fields:
                  traceCode:    { column: 追溯码 }
                  product.name: { column: 品名 }
                  quantity:     { column: 数量, unitColumn: 单位 }
            """;

    /**
     * The components that say where the spec file put things, not what it converts by ({@code SpecFingerprint.NOT_COUNTED}):
     * a component added to this list is one a spec may change without failing a half-converted batch SPEC_CHANGED.
     */
    private static final Set<String> ABOUT_THE_FILE = Set.of(
            "MappingSpec.origin", "MappingSpec.notes", "MappingSpec.sourceLine", "FieldMapping.line");

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

    @Test
    void aCommentABlankLineOrAFieldRewrittenOverTwoLinesKeepsTheFingerprint() {
        MappingSpec before = load(FIELDS, "a/veg-test.yaml");

        MappingSpec commented = load("# 进货台账, checked with the market on 2026-12-01\n" + FIELDS
                .replace("      product.name:", "\n      # the name as the market writes it\n      product.name:")
                .replace("{ column: 品名 }", "{ column: 品名 }   # not through a lookup"), "a/veg-test.yaml");
        MappingSpec reflowed = load(FIELDS.replace("traceCode:    { column: 追溯码 }", "traceCode:\n          column: 追溯码"),
                "a/veg-test.yaml");

        // the edits moved the fields' lines, which stay in the loaded spec for its messages
        assertThat(commented.files().get(0).fields().get(1).line()).isNotEqualTo(before.files().get(0).fields().get(1).line());
        assertThat(reflowed.files().get(0).fields().get(2).line()).isNotEqualTo(before.files().get(0).fields().get(2).line());
        assertThat(load("\n\n" + FIELDS, "a/veg-test.yaml").sourceLine()).isNotEqualTo(before.sourceLine());
        // a batch half-converted before the edit is resumed after it, not failed SPEC_CHANGED
        assertThat(commented.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(reflowed.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(load("\n\n" + FIELDS, "a/veg-test.yaml").fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    void aFieldReadFromAnotherColumnOrByAnotherRuleChangesTheFingerprint() {
        String before = load(FIELDS, "a/veg-test.yaml").fingerprint();

        assertThat(load(FIELDS.replace("{ column: 品名 }", "{ column: 商品名称 }"), "a/veg-test.yaml").fingerprint()).isNotEqualTo(before);
        assertThat(load(FIELDS.replace("{ column: 品名 }", "{ value: 青菜 }"), "a/veg-test.yaml").fingerprint()).isNotEqualTo(before);
        assertThat(load(FIELDS.replace("{ column: 品名 }", "{ column: 品名, required: true }"), "a/veg-test.yaml").fingerprint())
                .isNotEqualTo(before);
        assertThat(load(FIELDS.replace("unitColumn: 单位", "unit: 公斤"), "a/veg-test.yaml").fingerprint()).isNotEqualTo(before);
        assertThat(load(FIELDS.replace("equals: 合计", "startsWith: 合计"), "a/veg-test.yaml").fingerprint()).isNotEqualTo(before);
    }

    /**
     * Walks the spec's records by reflection, so that a component a later release adds to any of them is varied here too:
     * one the fingerprint leaves out (by mistake, or with the lines) fails this test unless it is {@link #ABOUT_THE_FILE}.
     */
    @Test
    void everyComponentOfTheSpecChangesTheFingerprintButThoseAboutWhereTheFileSaysIt() {
        MappingSpec spec = load(FIELDS, "a/veg-test.yaml").withNote(new SpecProblem("a/veg-test.yaml", 3, "category", "a note"));
        String before = spec.fingerprint();

        Map<String, Object> variants = variants(spec, MappingSpec.class);

        Set<String> reached = variants.keySet().stream().flatMap(p -> Arrays.stream(p.split("/"))).collect(Collectors.toSet());
        assertThat(reached).as("the walk reached every record of the spec").contains("SkipRule.when", "FieldMapping.required",
                "StandardField.path", "OperatorDefaults.nodeType", "FileSpec.namespaces").containsAll(ABOUT_THE_FILE);
        variants.forEach((path, variant) -> {
            String after = SpecFingerprint.of((Record) variant);
            if (Arrays.stream(path.split("/")).anyMatch(ABOUT_THE_FILE::contains)) {
                assertThat(after).as(path + " is about the file, not the conversion").isEqualTo(before);
            } else {
                assertThat(after).as(path + " changes the conversion").isNotEqualTo(before);
            }
        });
    }

    /**
     * Each way of changing one component somewhere in {@code value}, by the path to it ({@code MappingSpec.files/
     * FileSpec.fields/FieldMapping.line}): the whole value with that one component changed.
     */
    private static Map<String, Object> variants(Object value, Type type) {
        Map<String, Object> variants = new LinkedHashMap<>();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            assertThat(value).as("the spec this test varies sets a " + raw.getSimpleName()).isNotNull();
            for (RecordComponent c : raw.getRecordComponents()) {
                String name = raw.getSimpleName() + "." + c.getName();
                variants(read((Record) value, c), c.getGenericType()).forEach((path, v) ->
                        variants.put(path.isEmpty() ? name : name + "/" + path, with((Record) value, c, v)));
            }
        } else if (List.class.equals(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<?> list = (List<?>) value;
            if (element instanceof Class<?> e && e.isRecord()) {
                assertThat(list).as("the spec this test varies holds a " + e.getSimpleName()).isNotEmpty();
                variants(list.get(0), element).forEach((path, v) -> {
                    List<Object> changed = new ArrayList<>(list);
                    changed.set(0, v);
                    variants.put(path, changed);
                });
            } else {
                List<Object> longer = new ArrayList<>(list);
                longer.add(sample(element));
                variants.put("", longer);
            }
        } else if (Map.class.equals(raw)) {
            Map<Object, Object> bigger = new HashMap<>((Map<?, ?>) value);
            bigger.put("zz-added", sample(((ParameterizedType) type).getActualTypeArguments()[1]));
            variants.put("", bigger);
        } else {
            variants.put("", changed(value, raw));
        }
        return variants;
    }

    /** Another value of a leaf component's type. */
    private static Object changed(Object value, Class<?> type) {
        if (type == String.class) {
            return value == null ? "x" : value + "x";
        } else if (type == int.class) {
            return (Integer) value + 1;
        } else if (type == boolean.class) {
            return !(Boolean) value;
        } else if (type == char.class) {
            return (char) ((Character) value + 1);
        } else if (type == BigDecimal.class) {
            return value == null ? BigDecimal.ONE : ((BigDecimal) value).add(BigDecimal.ONE);
        } else if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).filter(c -> !c.equals(value)).findFirst().orElseThrow();
        } else if (type == Class.class) {
            return value == LoadMode.class ? FileFormat.class : LoadMode.class;
        }
        return fail("a spec component of type " + type.getName() + ", which this test cannot vary yet: add it to changed()");
    }

    /** A value to add to a list or map component. */
    private static Object sample(Type type) {
        if (type == String.class) {
            return "x";
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            return Map.of("x", sample(p.getActualTypeArguments()[1]));
        }
        return fail("a spec list or map of " + type.getTypeName() + ", which this test cannot add to yet: add it to sample()");
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code record} with {@code component} set to {@code value}, through its canonical constructor. */
    private static Record with(Record record, RecordComponent component, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = components[i].getName().equals(component.getName()) ? value : read(record, components[i]);
        }
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (Record) canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
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
