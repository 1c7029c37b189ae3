package org.tracehub.mappings.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.schemas.event.FieldKind;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;

class SpecLoaderTest {

    /** A minimal valid spec; line numbers in the tests below refer to this layout. */
    private static final String VALID = """
            source: veg-test
            name: 测试蔬菜批发市场
            category: VEGETABLE
            operator: { uscc: 91310000631696382C, nodeType: WHOLESALE }
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
    void loadsTheBuiltInSpecFromTheClasspath() throws Exception {
        MappingSpec spec;
        try (InputStream in = SpecLoaderTest.class.getResourceAsStream("/sources/meat-wholesale-xj.yaml")) {
            assertThat(in).isNotNull();
            spec = new SpecLoader().load(in, "sources/meat-wholesale-xj.yaml");
        }

        assertThat(spec.source()).isEqualTo("meat-wholesale-xj");
        assertThat(spec.category()).isEqualTo(Category.MEAT);
        assertThat(spec.operator().uscc()).isEqualTo("91310000631696382C");
        assertThat(spec.operator().nodeType()).isEqualTo(NodeType.WHOLESALE);
        assertThat(spec.load()).isEqualTo(LoadMode.ON_ARRIVAL);
        assertThat(spec.rejectThreshold()).isEqualByComparingTo("0.5");
        assertThat(spec.receiptEncoding()).isEqualTo("GB18030");
        assertThat(spec.lookups()).containsKey("meat-products");
        assertThat(spec.lookups().get("meat-products")).containsEntry("白条猪", "010101");

        FileSpec file = spec.fileSpecFor("交易明细_20261127.csv").orElseThrow();
        assertThat(file.format()).isEqualTo(FileFormat.CSV);
        assertThat(file.encoding()).isEqualTo("auto");
        assertThat(file.headerRow()).isEqualTo(2);
        assertThat(file.step()).isEqualTo(Step.WHOLESALE);
        assertThat(file.skip()).containsExactly(new SkipRule("序号", "合计", null, null));
        assertThat(file.key()).containsExactly("交易凭证号", "追溯码");
        assertThat(file.fields()).extracting(f -> f.field().path()).contains("traceCode", "time", "quantity", "inputs",
                "certificates.ANIMAL_QUARANTINE", "transaction.unitPrice");
        FieldMapping quantity = field(file, "quantity");
        assertThat(quantity.column()).isEqualTo("重量(斤)");
        assertThat(quantity.unit()).isEqualTo("斤");
        assertThat(field(file, "time").datePatterns()).containsExactly("yyyy/M/d H:mm[:ss]", "yyyy年M月d日 H:mm[:ss]");
        assertThat(field(file, "inputs").split()).containsExactly(";", "、", ",");
    }

    @Test
    void theCatalogHoldsTheBuiltInSpec() {
        SpecCatalog catalog = SpecCatalog.load(null);

        assertThat(catalog.source("meat-wholesale-xj")).isPresent();
        assertThat(catalog.fileSpec("meat-wholesale-xj", "交易明细_20261127.csv")).isPresent();
        assertThat(catalog.fileSpec("meat-wholesale-xj", "库存_20261127.csv")).isEmpty();
    }

    @Test
    void appliesDefaultsForEverythingLeftOut() throws Exception {
        MappingSpec spec = load(VALID);

        assertThat(spec.origin()).endsWith("spec.yaml");
        assertThat(spec.load()).isEqualTo(LoadMode.ON_ARRIVAL);
        assertThat(spec.rejectThreshold()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(spec.receiptEncoding()).isEqualTo("GB18030");
        assertThat(spec.lookups()).isEmpty();
        FileSpec file = spec.files().get(0);
        assertThat(file.encoding()).isEqualTo("auto");
        assertThat(file.headerRow()).isEqualTo(1);
        assertThat(file.delimiter()).isEqualTo(',');
        assertThat(file.skip()).isEmpty();
        FieldMapping traceCode = file.fields().get(0);
        assertThat(traceCode.field().kind()).isEqualTo(FieldKind.TEXT);
        assertThat(traceCode.line()).isEqualTo(11);
        assertThat(spec.acceptedPatterns()).containsExactly("进货_*.csv");
    }

    @Test
    void parsesLoadNightly() throws Exception {
        assertThat(load(VALID + "load: nightly\n").load()).isEqualTo(LoadMode.NIGHTLY);
        assertThat(load(VALID + "load: on-arrival\n").load()).isEqualTo(LoadMode.ON_ARRIVAL);
    }

    @Test
    void reportsAnUnknownLoadMode() throws Exception {
        assertThat(problems(VALID + "load: weekly\n"))
                .extracting(SpecProblem::line, SpecProblem::key)
                .containsExactly(tuple(12, "load"));
    }

    @Test
    void reportsAnUnknownStandardFieldWithItsLineAndSuggestsTheClosestOne() throws Exception {
        List<SpecProblem> problems = problems(VALID.replace("traceCode: { column: 追溯码 }", "traceCod: { column: 追溯码 }"));

        assertThat(problems).hasSize(1);
        SpecProblem p = problems.get(0);
        assertThat(p.file()).endsWith("spec.yaml");
        assertThat(p.line()).isEqualTo(11);
        assertThat(p.key()).isEqualTo("fields.traceCod");
        assertThat(p.message()).contains("unknown standard field").contains("did you mean 'traceCode'?");
        assertThat(p.toString()).endsWith("spec.yaml:11: fields.traceCod: unknown standard field — did you mean 'traceCode'?");
    }

    @Test
    void reportsAnUnknownKeyInsideAFieldMappingWithItsLine() throws Exception {
        String yaml = VALID + """
                      origin:
                        colum: 产地
                """;

        List<SpecProblem> problems = problems(yaml);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key)
                .contains(tuple(13, "fields.origin.colum"));
        assertThat(problems).filteredOn(p -> "fields.origin.colum".equals(p.key()))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("unknown key").contains("'column'"));
    }

    @Test
    void reportsABadDatePattern() throws Exception {
        String yaml = VALID + """
                      time: { column: 交易时间, date: ["yyyy/M/d H:mm", "yyyy-MM-dd bb"] }
                """;

        List<SpecProblem> problems = problems(yaml);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.key()).isEqualTo("fields.time.date");
            assertThat(p.message()).contains("bad date pattern 'yyyy-MM-dd bb'");
        });
    }

    @Test
    void reportsADateFieldWithoutPatterns() throws Exception {
        List<SpecProblem> problems = problems(VALID + "      time: { column: 交易时间 }\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.key()).isEqualTo("fields.time");
            assertThat(p.message()).contains("date: [patterns]");
        });
    }

    @Test
    void reportsAConstantDateWithoutPatterns() throws Exception {
        assertThat(problems(VALID + "      extension.vegetable.testDate: { value: \"2026-11-27\" }\n"))
                .extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(12, "fields.extension.vegetable.testDate"));
        assertThat(load(VALID + "      extension.vegetable.testDate: { value: \"2026-11-27\", date: yyyy-MM-dd }\n").files().get(0).fields())
                .hasSize(2);
    }

    @Test
    void reportsALookupTableThatIsReferencedButNotDefined() throws Exception {
        String yaml = VALID + """
                      product.code: { column: 品名, lookup: veg-products }
                lookups:
                  meat-products: { 白条猪: "010101" }
                """;

        List<SpecProblem> problems = problems(yaml);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.key()).isEqualTo("fields.product.code.lookup");
            assertThat(p.message()).contains("'veg-products'").contains("not defined");
        });
    }

    @Test
    void reportsAQuantityWithoutUnit() throws Exception {
        List<SpecProblem> problems = problems(VALID + "      quantity: { column: 重量 }\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.key()).isEqualTo("fields.quantity");
            assertThat(p.message()).contains("unit");
        });
    }

    @Test
    void acceptsAQuantityWhoseUnitIsInAColumn() throws Exception {
        FieldMapping quantity = load(VALID + "      quantity: { column: 数量, unitColumn: 单位 }\n").files().get(0).fields().get(1);

        assertThat(quantity.unit()).isNull();
        assertThat(quantity.unitColumn()).isEqualTo("单位");
    }

    @Test
    void reportsAnUnknownUnit() throws Exception {
        assertThat(problems(VALID + "      quantity: { column: 重量, unit: 担 }\n"))
                .extracting(SpecProblem::line, SpecProblem::key)
                .containsExactly(tuple(12, "fields.quantity.unit"));
    }

    /** I and O are not in GB 32100's alphabet: every row would be refused for the operator's code, so the spec is. */
    @Test
    void refusesAnOperatorCreditCodeEveryRowWouldBeRefusedFor() throws Exception {
        assertThat(problems(VALID.replace("uscc: 91310000631696382C", "uscc: 9131000063169638IO"))).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.key()).isEqualTo("operator.uscc");
            assertThat(p.message()).startsWith("'9131000063169638IO' would reject every row: USCC_CHARACTER 统一社会信用代码第17位“I”");
        });
    }

    @Test
    void refusesConstantsEveryRowWouldBeRefusedForNamingTheirField() throws Exception {
        List<SpecProblem> problems = problems(VALID.replace("category: VEGETABLE", "category: ELEVATOR") + """
                      origin: { value: "999999" }
                      product.gtin: { value: "6901234567890" }
                      extension.elevator.registrationCode: { column: 注册代码, default: "3110" }
                      counterparty.uscc: { value: 北京, lookup: buyers }
                lookups:
                  buyers: { 上海: 91310000631696382C }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key, p -> p.message().replaceAll(":.*", "")).containsExactly(
                tuple(12, "fields.origin.value", "'999999' would reject every row"),
                tuple(13, "fields.product.gtin.value", "'6901234567890' would reject every row"),
                tuple(14, "fields.extension.elevator.registrationCode.default", "'3110' would reject every row it fills"),
                tuple(15, "fields.counterparty.uscc.value", "'北京' is not in lookup table 'buyers'"));
        assertThat(problems.get(0).message()).contains("REGION_UNKNOWN");
        assertThat(problems.get(1).message()).contains("GTIN_CHECK_DIGIT");
    }

    /**
     * A constant is found in its table as the engine finds a cell (as typed, else ignoring case), and what it stands for
     * is checked: not refused for its case, nor let through when the table's keys in its case mean different things.
     */
    @Test
    void checksAConstantThroughItsLookupTableIgnoringCaseAsTheEngineReadsIt() throws Exception {
        List<SpecProblem> problems = problems(VALID + """
                      counterparty.uscc: { value: pudong, lookup: buyers }
                      counterparty.nodeType: { value: sh, lookup: types }
                      origin: { value: Market, lookup: places }
                lookups:
                  buyers: { PUDONG: 9131000063169638IO }
                  types: { SH: supermarket }
                  places: { market: "310115", MARKET: "310112" }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key, p -> p.message().replaceAll(":.*", "")).containsExactly(
                tuple(12, "fields.counterparty.uscc.value", "'pudong' (→ '9131000063169638IO') would reject every row"),
                tuple(14, "fields.origin.value", "'Market' is not in lookup table 'places'"));
    }

    /** An unknown code would refuse every row with LOOKUP_MISSING “…不是有效的代码”, which no clerk can correct. */
    @Test
    void refusesACodeListConstantOrDefaultThatNamesNoCode() throws Exception {
        List<SpecProblem> problems = problems(VALID + """
                      counterparty.nodeType: { value: equipment-usr }
                      extension.vegetable.pesticideTestResult: { column: 结果, default: OK }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key, p -> p.message().replaceAll(";.*", "")).containsExactly(
                tuple(12, "fields.counterparty.nodeType.value",
                        "'equipment-usr' is not a code of counterparty.nodeType: every row would be rejected with LOOKUP_MISSING"),
                tuple(13, "fields.extension.vegetable.pesticideTestResult.default",
                        "'OK' is not a code of extension.vegetable.pesticideTestResult: every row it fills would be rejected with LOOKUP_MISSING"));
        assertThat(problems.get(0).message()).contains("EQUIPMENT_USER");
    }

    /** As the operator block reads its nodeType (case-insensitive, '-' for '_'), so do the fields: the engine gets the code. */
    @Test
    void readsACodeListConstantOrDefaultAsTheOperatorBlockDoes() throws Exception {
        MappingSpec spec = load(VALID.replace("nodeType: WHOLESALE", "nodeType: retail-market") + """
                      counterparty.nodeType: { value: equipment-user }
                      extension.vegetable.pesticideTestResult: { column: 结果, default: pass }
                """);

        assertThat(spec.operator().nodeType()).isEqualTo(NodeType.RETAIL_MARKET);
        FileSpec file = spec.files().get(0);
        assertThat(field(file, "counterparty.nodeType").constant()).isEqualTo("EQUIPMENT_USER");
        assertThat(field(file, "extension.vegetable.pesticideTestResult").defaultValue()).isEqualTo("PASS");
    }

    /** A lookup's value reaches the field as a constant would: one that is no code refuses every row that reaches it. */
    @Test
    void refusesLookupValuesThatAreNoCodesOfTheCodeListFieldReadingThem() throws Exception {
        Files.createDirectories(dir.resolve("lookups"));
        Files.writeString(dir.resolve("lookups/types.csv"), "legacy,standard\n超市,supermarket\n食堂,单位食堂\n", StandardCharsets.UTF_8);
        List<SpecProblem> problems = problems(VALID + """
                      counterparty.nodeType: { column: 买方类型, lookup: buyer-types, default: 零售 }
                      extension.vegetable.pesticideTestResult: { column: 结果, lookup: check-marks }
                      operator.nodeType: { column: 经营类型, lookup: types }
                      product.name: { column: 品名, lookup: buyer-types }
                lookups:
                  buyer-types: { 零售: 零售商, 批发: wholesale }
                  check-marks:
                    "√": Pass
                    "×": 不合格
                  types: { file: lookups/types.csv }
                """);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key, p -> p.message().replaceAll(":.*", "")).containsExactly(
                tuple(17, "lookups.buyer-types.零售", "'零售' → '零售商' is not a code of counterparty.nodeType (fields.counterparty.nodeType, line 12, reads this table)"),
                tuple(20, "lookups.check-marks.×", "'×' → '不合格' is not a code of extension.vegetable.pesticideTestResult"
                        + " (fields.extension.vegetable.pesticideTestResult, line 13, reads this table)"),
                tuple(21, "lookups.types.file", "lookups/types.csv line 3"));
        assertThat(problems.get(0).message()).contains("every row reaching it would be rejected with LOOKUP_MISSING").contains("RETAIL_MARKET");
        assertThat(problems.get(2).message()).contains("'食堂' → '单位食堂' is not a code of operator.nodeType");
    }

    /**
     * Pasted from a web page: a no-break and a zero-width space, full-width letters, lower case. The code is checked
     * cleaned, so it must be stored cleaned too: stored raw, every row was refused with USCC_LENGTH 应为18位，实际为19位.
     */
    @Test
    void storesTheOperatorsCodeAndNameAsTheyWereChecked() throws Exception {
        MappingSpec spec = load(VALID.replace("uscc: 91310000631696382C", "uscc: \"91310000631696382c\u00A0\u200B\", name: \"上海西郊\u3000 \","
                + " nodeCode: \"ＸＪ01 \""));

        assertThat(spec.notes()).isEmpty();
        assertThat(spec.operator().uscc()).isEqualTo("91310000631696382C");
        assertThat(spec.operator().name()).isEqualTo("上海西郊");
        assertThat(spec.operator().nodeCode()).isEqualTo("XJ01");
        assertThat(load(VALID.replace("uscc: 91310000631696382C", "uscc: \"９１３１００００６３１６９６３８２Ｃ\"")).operator().uscc())
                .isEqualTo("91310000631696382C");
    }

    /** The engine upper-cases a credit code of a row; a constant is checked as the engine will use it. */
    @Test
    void acceptsALowerCaseCreditCodeConstantAsTheEngineUpperCasesIt() throws Exception {
        MappingSpec spec = load(VALID + """
                      counterparty.uscc: { value: 91310112087994932f }
                """);

        assertThat(spec.notes()).isEmpty();
        assertThat(problems(VALID + """
                      counterparty.uscc: { value: 91310112087994932i }
                """)).singleElement().satisfies(p -> assertThat(p.message()).startsWith("'91310112087994932i' (→ '91310112087994932I') would"));
    }

    /** A MEAT spec copied from a vegetable one keeps extension.vegetable.stallNo: rows would carry two blocks, invalid XML. */
    @Test
    void refusesFieldsOfAnotherCategorysExtensionBlock() throws Exception {
        List<SpecProblem> problems = problems(VALID.replace("category: VEGETABLE", "category: MEAT") + """
                      extension.meat.owner: { column: 货主 }
                      extension.vegetable.stallNo: { column: 摊位号 }
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(13);
            assertThat(p.key()).isEqualTo("fields.extension.vegetable.stallNo");
            assertThat(p.message()).isEqualTo("extension.vegetable is another category's block: an event carries one extension block,"
                    + " and category MEAT's is extension.meat");
        });
        // only the other category's block: every row got EXTENSION_MISMATCH, check-spec said nothing
        assertThat(problems(VALID + "      extension.meat.owner: { column: 货主 }\n")).extracting(SpecProblem::line, SpecProblem::key)
                .containsExactly(tuple(12, "fields.extension.meat.owner"));
        assertThat(problems(VALID.replace("category: VEGETABLE", "category: FRUIT") + "      extension.meat.owner: { column: 货主 }\n"))
                .singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("category FRUIT has no extension block: its events carry none"));
    }

    /** A field that sets the category per row leaves the block to the row; two blocks are still one too many. */
    @Test
    void refusesTwoExtensionBlocksWhenTheCategoryComesFromTheRow() throws Exception {
        assertThat(problems(VALID + """
                      category: { column: 品类 }
                      extension.meat.owner: { column: 货主 }
                      extension.vegetable.stallNo: { column: 摊位号 }
                """)).extracting(SpecProblem::line, SpecProblem::key, SpecProblem::message).containsExactly(
                tuple(14, "fields.extension.vegetable.stallNo", "a second extension block beside extension.meat: an event carries one extension block"));
        assertThat(load(VALID + """
                      category: { value: meat }
                      extension.meat.owner: { column: 货主 }
                """).files().get(0).fields()).hasSize(3);
    }

    /** A constant the rules only warn about is no reason to refuse the spec: it loads, and check-spec shows the note. */
    @Test
    void loadsAConstantTheRulesWarnAboutAndKeepsTheWarningAsANote() throws Exception {
        MappingSpec spec = load(VALID.replace("uscc: 91310000631696382C", "uscc: 91110000600037341N") + """
                      origin: { value: "371202" }
                      product.gtin: { value: "6901234567892" }
                """);

        assertThat(spec.notes()).extracting(SpecProblem::line, SpecProblem::key, p -> p.message().replaceAll(":.*", "")).containsExactly(
                tuple(4, "operator.uscc", "'91110000600037341N' gives every row a warning"),
                tuple(12, "fields.origin.value", "'371202' gives every row a warning"));
        assertThat(spec.notes().get(0).message()).contains("USCC_CHECK_DIGIT");
        assertThat(spec.notes().get(1).message()).contains("REGION_NOT_CURRENT");
    }

    /** Two kinds keyed alike are one record to the store by their key values: the load refuses or replaces, so a note. */
    @Test
    void notesTwoFileKindsWithTheSameKeyNamingBothAndTheirSteps() throws Exception {
        MappingSpec spec = load(VALID + """
                  - match: "检测_*.csv"
                    format: csv
                    step: TEST
                    key: [单号]
                    fields:
                      traceCode: { column: 追溯码 }
                  - match: "进货_*.xlsx"
                    format: xlsx
                    step: WHOLESALE
                    key: [单号]
                    fields:
                      traceCode: { column: 追溯码 }
                  - match: "退货_*.csv"
                    format: csv
                    step: WHOLESALE
                    key: [单号, 追溯码]
                    fields:
                      traceCode: { column: 追溯码 }
                """);

        assertThat(spec.notes()).extracting(SpecProblem::line, SpecProblem::key).containsExactly(
                tuple(12, "files.key"), tuple(18, "files.key"), tuple(18, "files.key"));
        assertThat(spec.notes().get(0).message()).contains("'进货_*.csv' (WHOLESALE)", "'检测_*.csv' (TEST)", "[单号]",
                "RECORD_KEY_CONFLICT");
        assertThat(spec.notes().get(1).message()).contains("'进货_*.csv' (WHOLESALE)", "'进货_*.xlsx' (WHOLESALE)",
                "replaces the stored row of the other");
        assertThat(spec.notes().get(2).message()).contains("'检测_*.csv' (TEST)", "'进货_*.xlsx' (WHOLESALE)", "RECORD_KEY_CONFLICT");
    }

    /** The hub logs the notes of the external specs only: a built-in spec must need none about its keys. */
    @Test
    void noBuiltInSpecHasTwoFileKindsWithTheSameKey() {
        assertThat(SpecCatalog.builtIn().all()).flatExtracting(MappingSpec::notes)
                .filteredOn(n -> "files.key".equals(n.key()) && n.message().contains("have the same key")).isEmpty();
    }

    @Test
    void notesAPriceThatSaysNotWhatUnitItIsPer() throws Exception {
        MappingSpec spec = load(VALID + "      transaction.unitPrice: { column: 单价 }\n");

        assertThat(spec.notes()).singleElement().satisfies(n -> {
            assertThat(n.line()).isEqualTo(12);
            assertThat(n.key()).isEqualTo("fields.transaction.unitPrice");
            assertThat(n.message()).contains("per no unit");
        });
        assertThat(load(VALID + "      transaction.unitPrice: { column: 单价, unit: 斤 }\n").notes()).isEmpty();
    }

    @Test
    void notesAConstantJoinedToACellThatMayBeEmpty() throws Exception {
        for (String trap : new String[] {"{ expr: \"#concat('CM021-', ['地块编号'])\" }",
                "{ column: 地块编号, expr: \"#concat(#concat('CM021-', #value), '-A')\" }"}) {
            MappingSpec spec = load(VALID + "      operator.nodeCode: " + trap + "\n");

            assertThat(spec.notes()).as(trap).singleElement().satisfies(n -> {
                assertThat(n.line()).isEqualTo(12);
                assertThat(n.key()).isEqualTo("fields.operator.nodeCode.expr");
                assertThat(n.message()).contains("bare constant", "required: true");
            });
        }
        for (String fine : new String[] {"{ column: 地块编号, expr: \"#value == null ? null : #concat('CM021-', #value)\" }",
                "{ column: 地块编号, expr: \"#concat('CM021-', #value)\", required: true }",
                "{ expr: \"#concat(#concat(['单号'], '-'), ['追溯码'])\" }"}) {
            assertThat(load(VALID + "      operator.nodeCode: " + fine + "\n").notes()).as(fine).isEmpty();
        }
    }

    /** The filling station keys its fillings by date and start time as typed, which its notes say; no other spec needs one. */
    @Test
    void everyBuiltInSpecLoadsWithoutNotesButTheFillingStationsOnItsKeysDateAndStartTime() {
        assertThat(SpecCatalog.load(null).all()).filteredOn(spec -> !spec.source().equals("gascyl-fill-pudong"))
                .allSatisfy(spec -> assertThat(spec.notes()).as(spec.source()).isEmpty());
        assertThat(SpecCatalog.load(null).source("gascyl-fill-pudong").orElseThrow().notes())
                .extracting(SpecProblem::key, n -> n.message().replaceAll(" by .*", "")).containsExactly(
                        tuple("files.key", "key column '充装日期' is read as a date or time"),
                        tuple("files.key", "key column '开始时间' is read as a time of day (timeColumn)"));
    }

    @Test
    void notesAKeyColumnReadAsADateATimeOrANumberWhoseSpellingIsPartOfTheKey() throws Exception {
        MappingSpec spec = load(VALID.replace("key: [单号]", "key: [单号, 日期, 开始, 重量]") + """
                      time:     { column: 日期, timeColumn: 开始, date: "yyyy/M/d H:mm" }
                      quantity: { column: 重量, unit: 公斤 }
                """);

        assertThat(spec.notes()).extracting(SpecProblem::line, SpecProblem::key, n -> n.message().replaceAll(", but .*", ""))
                .containsExactly(
                        tuple(9, "files.key", "key column '日期' is read as a date or time by fields.time"),
                        tuple(9, "files.key", "key column '开始' is read as a time of day (timeColumn) by fields.time"),
                        tuple(9, "files.key", "key column '重量' is read as a number by fields.quantity"));
        assertThat(spec.notes().get(0).message()).contains("07:05 for 7:05", "RECORD_KEY_SPELLING");
        assertThat(load(VALID + "      time: { column: 日期, date: \"yyyy/M/d\" }\n").notes()).as("a date outside the key").isEmpty();
    }

    @Test
    void reportsEveryMistakeInASpecNotJustTheFirst() throws Exception {
        String yaml = """
                source: Veg_Test
                category: VEG
                files:
                  - match: "*.csv"
                    format: csv
                    header: 0
                    step: WHOLESALE
                    fields:
                      traceCod: { column: 追溯码 }
                      time: { column: 时间, date: ["yyyy-MM-dd bb"] }
                      product.code: { column: 品名, lookup: nowhere }
                      quantity: { column: 重量 }
                load: weekly
                """;

        List<SpecProblem> problems = problems(yaml);

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key).containsExactlyInAnyOrder(
                tuple(1, "source"),
                tuple(2, "category"),
                tuple(6, "header"),
                tuple(4, "key"),
                tuple(9, "fields.traceCod"),
                tuple(10, "fields.time.date"),
                tuple(11, "fields.product.code.lookup"),
                tuple(12, "fields.quantity"),
                tuple(13, "load"));
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).endsWith("spec.yaml"));
    }

    @Test
    void theExceptionMessageListsEveryProblemAsFileLineKeyMessage() throws Exception {
        Path file = write("""
                source: BAD
                files: []
                """);

        assertThatThrownBy(() -> new SpecLoader().load(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(file + ":1: source: source id must be")
                .hasMessageContaining(file + ":1: category: missing");
    }

    @Test
    void reportsAYamlSyntaxErrorWithFileNameAndLine() throws Exception {
        String yaml = """
                source: veg-test
                category: VEGETABLE
                files: [
                  - match: "*.csv"
                """;

        List<SpecProblem> problems = problems(yaml);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("spec.yaml");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("YAML syntax");
        });
    }

    @Test
    void reportsASpecThatIsNotAMapping() throws Exception {
        assertThat(problems("- just\n- a list\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("YAML mapping"));
    }

    @Test
    void reportsABadSourceId() throws Exception {
        List<SpecProblem> problems = problems(VALID.replace("source: veg-test", "source: 蔬菜 市场"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.key()).isEqualTo("source");
            assertThat(p.message()).contains("lower-case letters, digits and '-'");
        });
        assertThat(problems(VALID.replace("source: veg-test", "source: Veg-Test"))).hasSize(1);
        assertThat(problems(VALID.replace("source: veg-test", "source: -veg"))).hasSize(1);
    }

    @Test
    void reportsAMissingSourceAndFiles() throws Exception {
        assertThat(problems("category: MEAT\n")).extracting(SpecProblem::key).containsExactlyInAnyOrder("source", "files");
    }

    @Test
    void reportsUnknownTopLevelAndFileKeys() throws Exception {
        String yaml = VALID.replace("    format: csv", "    format: csv\n    sheets: 明细") + "lookup: {}\n";

        assertThat(problems(yaml)).extracting(SpecProblem::line, SpecProblem::key)
                .containsExactlyInAnyOrder(tuple(8, "files.sheets"), tuple(13, "lookup"));
    }

    @Test
    void reportsBadValuesForTheFileKind() throws Exception {
        String yaml = VALID
                .replace("    format: csv", "    format: json\n    encoding: BIG-FIVE-ISH\n    delimiter: \"||\"")
                .replace("    step: WHOLESALE", "    step: SELL");

        assertThat(problems(yaml)).extracting(SpecProblem::key)
                .containsExactlyInAnyOrder("format", "encoding", "delimiter", "step");
    }

    @Test
    void readsEnumValuesCaseInsensitivelyWithHyphens() throws Exception {
        MappingSpec spec = load(VALID.replace("category: VEGETABLE", "category: vegetable")
                .replace("step: WHOLESALE", "step: market-entry"));

        assertThat(spec.category()).isEqualTo(Category.VEGETABLE);
        assertThat(spec.files().get(0).step()).isEqualTo(Step.MARKET_ENTRY);
    }

    @Test
    void readsEveryFileAndFieldOption() throws Exception {
        String yaml = """
                source: veg-test
                category: VEGETABLE
                operator: { uscc: 91310000631696382C, name: 测试市场, nodeCode: "310112001", nodeType: wholesale }
                rejectThreshold: 0.2
                receiptEncoding: GBK
                files:
                  - match: "*.txt"
                    format: csv
                    encoding: GBK
                    header: 3
                    delimiter: "\\t"
                    step: WHOLESALE
                    skip:
                      - { column: 序号, equals: 合计 }
                      - { column: 序号, startsWith: 小计 }
                      - { when: "['备注'] == '作废'" }
                    key: 单号
                    fields:
                      traceCode: { index: 2 }
                      category: { value: VEGETABLE }
                      inputs: { column: 来源批次, split: "、" }
                """;

        MappingSpec spec = load(yaml);

        assertThat(spec.operator()).isEqualTo(new OperatorDefaults("91310000631696382C", "测试市场", "310112001", NodeType.WHOLESALE));
        assertThat(spec.rejectThreshold()).isEqualByComparingTo("0.2");
        assertThat(spec.receiptEncoding()).isEqualTo("GBK");
        FileSpec file = spec.files().get(0);
        assertThat(file.encoding()).isEqualTo("GBK");
        assertThat(file.headerRow()).isEqualTo(3);
        assertThat(file.delimiter()).isEqualTo('\t');
        assertThat(file.skip()).containsExactly(
                new SkipRule("序号", "合计", null, null),
                new SkipRule("序号", null, "小计", null),
                new SkipRule(null, null, null, "['备注'] == '作废'"));
        assertThat(file.key()).containsExactly("单号");
        assertThat(file.fields()).extracting(FieldMapping::index, FieldMapping::constant, FieldMapping::split, FieldMapping::columnLabel)
                .containsExactly(tuple(2, null, List.of(), "第2列"), tuple(0, "VEGETABLE", List.of(), null),
                        tuple(0, null, List.of("、"), "来源批次"));
    }

    @Test
    void takesTheReceiptEncodingFromTheFirstDeclaredFileEncoding() throws Exception {
        assertThat(load(VALID.replace("    format: csv", "    format: csv\n    encoding: UTF-8")).receiptEncoding())
                .isEqualTo("UTF-8");
    }

    @Test
    void reportsARejectThresholdOutsideZeroToOne() throws Exception {
        assertThat(problems(VALID + "rejectThreshold: 1.5\n")).extracting(SpecProblem::key).containsExactly("rejectThreshold");
        assertThat(problems(VALID + "rejectThreshold: half\n")).extracting(SpecProblem::key).containsExactly("rejectThreshold");
    }

    @Test
    void reportsAFieldWithNoneOrSeveralSources() throws Exception {
        assertThat(problems(VALID + "      origin: { column: 产地, value: \"310112\" }\n"))
                .extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(12, "fields.origin"));
        assertThat(problems(VALID + "      origin: { split: \";\" }\n"))
                .extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(12, "fields.origin"));
        assertThat(problems(VALID + "      origin: 产地\n"))
                .extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(12, "fields.origin"));
    }

    @Test
    void readsSeveralSeparatorsForAListFieldAndRefusesAnEmptyList() throws Exception {
        MappingSpec spec = load(VALID + "      inputs: { column: 来源批次, split: [\";\", \"、\", \",\"] }\n");

        assertThat(field(spec.files().get(0), "inputs").split()).containsExactly(";", "、", ",");
        assertThat(problems(VALID + "      inputs: { column: 来源批次, split: [] }\n"))
                .extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(12, "fields.inputs.split"));
        assertThat(problems(VALID + "      inputs: { column: 来源批次, split: [\";\", \"\"] }\n"))
                .extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(12, "fields.inputs.split"));
    }

    @Test
    void reportsAnIncompleteSkipRule() throws Exception {
        String yaml = VALID.replace("    key: [单号]", "    skip: { column: 序号 }\n    key: [单号]");

        assertThat(problems(yaml)).extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(9, "skip"));
    }

    @Test
    void reportsASkipRuleWrittenAsPlainText() throws Exception {
        String yaml = VALID.replace("    key: [单号]", "    skip: \"['序号'] == '合计'\"\n    key: [单号]");

        assertThat(problems(yaml)).extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(9, "skip"));
    }

    @Test
    void reportsASkipExpressionThatDoesNotParse() throws Exception {
        String yaml = VALID.replace("    key: [单号]", "    skip: { when: \"['序号'] == \" }\n    key: [单号]");

        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.key()).isEqualTo("skip.when");
        });
    }

    @Test
    void reportsDuplicateKeys() throws Exception {
        String yaml = VALID.replace("category: VEGETABLE", "category: VEGETABLE\ncategory: MEAT")
                + "      traceCode: { column: 批次号 }\n";

        assertThat(problems(yaml)).extracting(SpecProblem::line, SpecProblem::key)
                .containsExactlyInAnyOrder(tuple(4, "category"), tuple(13, "fields.traceCode"));
    }

    @Test
    void reportsLookupEntriesThatAreDuplicatedOrHaveNoValue() throws Exception {
        String yaml = VALID + """
                lookups:
                  meat-products:
                    白条猪: "010101"
                    白条猪: "010102"
                    牛肉:
                """;

        assertThat(problems(yaml)).extracting(SpecProblem::line, SpecProblem::key)
                .containsExactlyInAnyOrder(tuple(15, "lookups.meat-products.白条猪"), tuple(16, "lookups.meat-products.牛肉"));
    }

    @Test
    void reportsAnEmptyRejectThreshold() throws Exception {
        assertThat(problems(VALID + "rejectThreshold:\n")).extracting(SpecProblem::key).containsExactly("rejectThreshold");
    }

    @Test
    void readsTheSourcesTraceCodePatternAndExample() throws Exception {
        MappingSpec spec = load(VALID + "traceCodePattern: 'VT\\d{6}'\ntraceCodeExample: VT261127\n");

        assertThat(spec.traceCodePattern()).isEqualTo("VT\\d{6}");
        assertThat(spec.traceCodeExample()).isEqualTo("VT261127");
        assertThat(spec.traceCodes().pattern()).isEqualTo("VT\\d{6}");
        assertThat(spec.traceCodes().example()).isEqualTo("VT261127");
    }

    @Test
    void leavesTraceCodesOpaqueWithoutAPattern() throws Exception {
        MappingSpec spec = load(VALID);

        assertThat(spec.traceCodePattern()).isNull();
        assertThat(spec.traceCodes().pattern()).isNull();
    }

    @Test
    void reportsATraceCodePatternThatDoesNotCompileWithItsLine() throws Exception {
        assertThat(problems(VALID + "traceCodePattern: 'VT[0-9'\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.key()).isEqualTo("traceCodePattern");
            assertThat(p.message()).startsWith("'VT[0-9': not a valid regular expression: Unclosed character class");
        });
    }

    @Test
    void reportsATraceCodePatternThatCouldBacktrackCatastrophically() throws Exception {
        assertThat(problems(VALID + "traceCodePattern: 'VT(\\d+)+'\n")).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("traceCodePattern");
            assertThat(p.message()).contains("'(\\d+)+'", "catastrophic backtracking");
        });
        assertThat(problems(VALID + "traceCodePattern: 'VT\\d*\\d*\\d*\\d*\\d*\\d*X'\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("takes more than 1000000 steps"));
    }

    @Test
    void reportsAnExampleThatDoesNotMatchItsPatternOrHasNoPattern() throws Exception {
        assertThat(problems(VALID + "traceCodePattern: 'VT\\d{6}'\ntraceCodeExample: VT-261127\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(13);
            assertThat(p.key()).isEqualTo("traceCodeExample");
            assertThat(p.message()).contains("'VT-261127' is not a trace code of this source: TRACE_CODE_PATTERN");
        });
        assertThat(problems(VALID + "traceCodeExample: VT261127\n")).extracting(SpecProblem::line, SpecProblem::key)
                .containsExactly(tuple(12, "traceCodeExample"));
        assertThat(problems(VALID + "traceCodePattern:\n")).extracting(SpecProblem::key).containsExactly("traceCodePattern");
    }

    @Test
    void refusesAConstantTraceCodeThatDoesNotMatchTheSourcesPattern() throws Exception {
        String yaml = VALID.replace("traceCode: { column: 追溯码 }", "traceCode: { value: TEST-1 }") + "traceCodePattern: 'VT\\d{6}'\n";

        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("fields.traceCode.value");
            assertThat(p.message()).contains("'TEST-1' would reject every row: TRACE_CODE_PATTERN");
        });
    }

    @Test
    void reportsAnUnreadableFile() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> new SpecLoader().load(missing))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.file()).isEqualTo(missing.toString())));
    }

    @Test
    void matchesFileNamesByGlob() throws Exception {
        MappingSpec spec = load(VALID);

        assertThat(spec.fileSpecFor("进货_20261127.csv")).isPresent();
        assertThat(spec.fileSpecFor("进货_20261127.xlsx")).isEmpty();
        assertThat(spec.fileSpecFor("销售_20261127.csv")).isEmpty();
    }

    @Test
    void aMatchThatIsNotAGlobIsASpecProblemNotAnIntakeFailure() throws Exception {
        List<SpecProblem> problems = problems(VALID.replace("进货_*.csv", "充装记录_[2026*.txt"));

        assertThat(problems).extracting(SpecProblem::line, SpecProblem::key).containsExactly(tuple(6, "match"));
        assertThat(problems.get(0).file()).isEqualTo(dir.resolve("spec.yaml").toString());
        assertThat(problems.get(0).message()).contains("充装记录_[2026*.txt", "not a file-name glob");
    }

    @Test
    void aFileKindWhoseMatchIsNotAGlobCannotBeBuilt() {
        assertThatThrownBy(() -> new FileSpec("充装记录_[2026*.txt", FileFormat.CSV, "auto", 1, ',', Step.WHOLESALE, List.of(),
                List.of("单号"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesAWindowsExportsUpperCaseExtensionAsTheClerkSeesIt() throws Exception {
        MappingSpec spec = load(VALID);

        assertThat(spec.fileSpecFor("进货_20261127.CSV")).isPresent();
        assertThat(spec.fileSpecFor("进货_20261127.Csv")).isPresent();
        assertThat(spec.fileSpecFor("进货_20261127.XLSX")).isEmpty();
    }

    @Test
    void theLoadedSpecIsImmutable() throws Exception {
        String yaml = VALID + "lookups:\n  veg: { 青菜: \"0201\" }\n";
        MappingSpec spec = load(yaml);

        assertThatThrownBy(() -> spec.files().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.files().get(0).fields().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.files().get(0).key().clear()).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> table = spec.lookups().get("veg");
        assertThatThrownBy(() -> table.put("白菜", "0202")).isInstanceOf(UnsupportedOperationException.class);
    }

    private MappingSpec load(String yaml) throws Exception {
        return new SpecLoader().load(write(yaml));
    }

    private List<SpecProblem> problems(String yaml) throws Exception {
        Path file = write(yaml);
        try {
            new SpecLoader().load(file);
        } catch (SpecException e) {
            return e.problems();
        }
        throw new AssertionError("expected the spec to be refused:\n" + yaml);
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("spec.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private static FieldMapping field(FileSpec file, String path) {
        return file.fields().stream().filter(f -> f.field().path().equals(path)).findFirst().orElseThrow();
    }
}
