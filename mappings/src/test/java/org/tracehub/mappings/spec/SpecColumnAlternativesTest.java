package org.tracehub.mappings.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code column: [凭证编号, 交易凭证号]}: a column named by each layout of the file the source sends. */
class SpecColumnAlternativesTest {

    private static final String SPEC = """
            source: meat-test
            category: MEAT
            operator: { uscc: 91310000631696382C, nodeType: WHOLESALE }
            files:
              - match: "交易明细_*.csv"
                format: csv
                step: WHOLESALE
                key: [交易凭证号]
                fields:
                  traceCode: { column: 追溯码 }
                  transaction.voucherNo: { column: %s }
            """;

    @TempDir
    Path dir;

    @Test
    void aListNamesTheColumnByItsFirstNameWithTheOthersAsAlternatives() throws Exception {
        String yaml = SPEC.formatted("[凭证编号, 交易凭证号]");

        FileSpec file = load(yaml).files().get(0);

        FieldMapping voucher = file.fields().get(1);
        assertThat(voucher.column()).isEqualTo("凭证编号");
        assertThat(voucher.alternatives()).containsExactly("交易凭证号");
        assertThat(voucher.columnNames()).containsExactly("凭证编号", "交易凭证号");
        assertThat(file.namesOf("交易凭证号")).as("the key names the column by its old name").containsExactly("凭证编号", "交易凭证号");
        assertThat(file.namesOf("追溯码")).containsExactly("追溯码");
        assertThat(file.columnNamesRead()).containsExactly(List.of("追溯码"), List.of("凭证编号", "交易凭证号"));
        assertThat(SpecSchema.errors(yaml)).isEmpty();
    }

    @Test
    void aSingleNameStaysAColumnWithoutAlternativesAndKeepsItsFingerprint() throws Exception {
        MappingSpec plain = load(SPEC.formatted("交易凭证号"));

        FieldMapping voucher = plain.files().get(0).fields().get(1);
        assertThat(voucher.column()).isEqualTo("交易凭证号");
        assertThat(voucher.alternatives()).isEmpty();
        assertThat(load(SPEC.formatted("[交易凭证号]")).fingerprint()).as("a list of one name is the name").isEqualTo(plain.fingerprint());
    }

    @Test
    void anEmptyListIsRefusedNamingTheSpecFileAndTheField() throws Exception {
        String yaml = SPEC.formatted("[]");

        assertThat(problems(yaml)).filteredOn(p -> p.key().endsWith(".column")).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("spec.yaml");
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.key()).isEqualTo("fields.transaction.voucherNo.column");
            assertThat(p.message()).contains("[凭证编号, 交易凭证号]");
        });
        assertThat(SpecSchema.errors(yaml)).isNotEmpty();
    }

    @Test
    void aNameGivenTwiceInTheListIsRefusedAlsoWhenItDiffersOnlyInFullWidthCharacters() throws Exception {
        assertThat(problems(SPEC.formatted("[凭证编号, 交易凭证号, 凭证编号]"))).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("fields.transaction.voucherNo.column");
            assertThat(p.message()).contains("'凭证编号' is given twice");
        });
        assertThat(problems(SPEC.formatted("[\"凭证编号(新)\", \"凭证编号（新）\"]"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'凭证编号（新）' is given twice"));
        assertThat(SpecSchema.errors(SPEC.formatted("[凭证编号, 交易凭证号, 凭证编号]"))).isNotEmpty();
    }

    @Test
    void aListEntryThatIsNoNameIsRefused() throws Exception {
        assertThat(problems(SPEC.formatted("[凭证编号, ~]"))).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("fields.transaction.voucherNo.column"));
    }

    @Test
    void aNameAmongTwoFieldsDifferentListsIsRefused() throws Exception {
        String yaml = SPEC.formatted("[凭证编号, 交易凭证号]") + """
                      extension.meat.owner: { column: [交易凭证号, 屠宰批次] }
                """;

        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("fields.extension.meat.owner.column");
            assertThat(p.message()).contains("'交易凭证号' is also among the names of fields.transaction.voucherNo.column");
        });
    }

    private MappingSpec load(String yaml) throws Exception {
        return new SpecLoader().load(write(yaml));
    }

    private List<SpecProblem> problems(String yaml) throws Exception {
        try {
            new SpecLoader().load(write(yaml));
        } catch (SpecException e) {
            return e.problems();
        }
        throw new AssertionError("expected the spec to be refused:\n" + yaml);
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("spec.yaml"), yaml, StandardCharsets.UTF_8);
    }
}
