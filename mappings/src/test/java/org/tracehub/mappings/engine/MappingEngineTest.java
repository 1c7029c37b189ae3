package org.tracehub.mappings.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.schemas.event.EventIds;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Severity;
import org.tracehub.schemas.xml.StandardXml;

class MappingEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final ConversionContext CONTEXT = new ConversionContext("veg-test", "batch-1", 1);

    /** The head of a spec; tests append their own fields (indented six spaces) and, after them, anything top-level. */
    private static final String HEAD = """
            source: veg-test
            category: VEGETABLE
            operator: { uscc: 91310000631696382C, name: 测试蔬菜批发市场, nodeCode: "310112001", nodeType: WHOLESALE }
            files:
              - match: "*.csv"
                format: csv
                step: WHOLESALE
                skip: [ %s ]
                key: [单号]
                fields:
                  traceCode: { column: 追溯码 }
                  time: { column: 时间, date: ["yyyy/M/d H:mm", "yyyy年M月d日 H:mm", "yyyy-MM-dd HH:mm:ss", "yyyyMMdd", "yyyy-MM-dd"] }
            """;

    private static final String[] HEADER = {"序号", "单号", "追溯码", "时间", "品名", "重量", "单价", "来源批次", "买方信用代码", "备注", "生产日期", "单位"};

    @TempDir
    Path dir;

    @Test
    void mapsAValidRowToAnEventWithOperatorDefaultsAndProvenance() throws Exception {
        MappingEngine engine = engine("""
                      product.name: { column: 品名 }
                      quantity: { column: 重量, unit: 公斤 }
                """);

        TraceEvent event = accepted(engine.convert(row(5, "单号", "D1", "追溯码", "VT001", "时间", "2026/11/27 3:15", "品名", "青菜",
                "重量", "12"), CONTEXT));

        assertThat(event.getCategory()).isEqualTo(Category.VEGETABLE);
        assertThat(event.getStep()).isEqualTo(Step.WHOLESALE);
        assertThat(event.getTraceCode()).isEqualTo("VT001");
        assertThat(event.getProduct().getName()).isEqualTo("青菜");
        assertThat(event.getOperator().getUscc()).isEqualTo("91310000631696382C");
        assertThat(event.getOperator().getName()).isEqualTo("测试蔬菜批发市场");
        assertThat(event.getOperator().getNodeCode()).isEqualTo("310112001");
        assertThat(event.getOperator().getNodeType()).isEqualTo(NodeType.WHOLESALE);
        assertThat(event.getProvenance().getSourceId()).isEqualTo("veg-test");
        assertThat(event.getProvenance().getBatchId()).isEqualTo("batch-1");
        assertThat(event.getProvenance().getAttempt()).isEqualTo(1);
        assertThat(event.getProvenance().getRow()).isEqualTo(5);
        assertThat(event.getEventId()).hasSize(32);
    }

    @Test
    void readsDatesInEachDeclaredPatternAsShanghaiTime() throws Exception {
        MappingEngine engine = engine("");

        assertThat(time(engine, "2026/11/27 3:15")).isEqualTo(OffsetDateTime.parse("2026-11-27T03:15:00+08:00"));
        assertThat(time(engine, "2026年11月27日 4:05")).isEqualTo(OffsetDateTime.parse("2026-11-27T04:05:00+08:00"));
        assertThat(time(engine, "2026-11-27 16:45:30")).isEqualTo(OffsetDateTime.parse("2026-11-27T16:45:30+08:00"));
        assertThat(time(engine, "2026-11-27").getOffset().getId()).isEqualTo("+08:00");
    }

    @Test
    void readsDateOnlyPatternsAsMidnight() throws Exception {
        MappingEngine engine = engine("");

        assertThat(time(engine, "20261127")).isEqualTo(OffsetDateTime.parse("2026-11-27T00:00:00+08:00"));
        assertThat(time(engine, "2026-11-27")).isEqualTo(OffsetDateTime.parse("2026-11-27T00:00:00+08:00"));
    }

    @Test
    void readsTwelveHourTimesWithAnAmPmMarker() throws Exception {
        MappingEngine twelveHour = engineWithTimePatterns("\"yyyy/M/d h:mm a\"");

        assertThat(time(twelveHour, "2026/11/27 3:15 PM")).isEqualTo(OffsetDateTime.parse("2026-11-27T15:15:00+08:00"));
        assertThat(time(twelveHour, "2026/11/27 12:05 AM")).isEqualTo(OffsetDateTime.parse("2026-11-27T00:05:00+08:00"));
    }

    @Test
    void rejectsTimeFieldsThatDoNotMakeATimeRatherThanDroppingThem() throws Exception {
        // h (1-12) without a (AM/PM) cannot say which hour it is; the row must not become midnight
        MappingEngine engine = engineWithTimePatterns("\"yyyy/M/d h:mm\"");

        assertThat(rejected(engine.convert(valid(3, "时间", "2026/11/27 3:15"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.DATE_FORMAT);
    }

    @Test
    void keepsAnOffsetThatTheCellStates() throws Exception {
        MappingEngine engine = engineWithTimePatterns("\"yyyy-MM-dd'T'HH:mmXXX\", \"yyyy-MM-dd HH:mm\"");

        assertThat(time(engine, "2026-11-27T03:15+09:00")).isEqualTo(OffsetDateTime.parse("2026-11-27T03:15+09:00"));
        assertThat(time(engine, "2026-11-27 03:15")).isEqualTo(OffsetDateTime.parse("2026-11-27T03:15+08:00"));
    }

    @Test
    void readsFullWidthDigitsInDates() throws Exception {
        assertThat(time(engine(""), "２０２６/１１/２７ ３:１５")).isEqualTo(OffsetDateTime.parse("2026-11-27T03:15:00+08:00"));
    }

    @Test
    void fillsADateFieldFromAChineseDate() throws Exception {
        MappingEngine engine = engine("""
                      extension.vegetable.testDate: { column: 生产日期, date: "yyyy年M月d日" }
                """);

        TraceEvent event = accepted(engine.convert(valid(3, "生产日期", "2026年11月5日"), CONTEXT));

        assertThat(event.getExtension().getVegetable().getTestDate()).isEqualTo(LocalDate.of(2026, 11, 5));
    }

    @Test
    void rejectsADayThatDoesNotExistInsteadOfRollingItOver() throws Exception {
        MappingEngine engine = engine("");

        ConvertedRow.Rejected rejected = rejected(engine.convert(valid(7, "时间", "2026/2/30 8:00"), CONTEXT));

        assertThat(rejected.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.DATE_FORMAT);
            assertThat(e.row()).isEqualTo(7);
            assertThat(e.column()).isEqualTo("时间");
            assertThat(e.field()).isEqualTo("time");
            assertThat(e.value()).isEqualTo("2026/2/30 8:00");
            assertThat(e.message()).contains("2026/2/30 8:00").contains("yyyy/M/d H:mm");
        });
        assertThat(rejected(engine.convert(valid(8, "时间", "2026/13/1 8:00"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.DATE_FORMAT);
        assertThat(rejected(engine.convert(valid(9, "时间", "27.11.2026"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.DATE_FORMAT);
    }

    @Test
    void readsNumbersWithThousandsSeparators() throws Exception {
        MappingEngine engine = engine("""
                      quantity: { column: 重量, unit: 公斤 }
                      transaction.unitPrice: { column: 单价 }
                """);

        TraceEvent event = accepted(engine.convert(valid(3, "重量", "1,200", "单价", "1，234.50"), CONTEXT));

        assertThat(event.getQuantity().getValue()).isEqualByComparingTo("1200");
        assertThat(event.getTransaction().getUnitPrice().getValue()).isEqualByComparingTo("1234.50");
        assertThat(event.getTransaction().getUnitPrice().getPerUnit()).as("no unit declared, none invented").isNull();
    }

    /** 256.5 斤 at 13.20 元/斤 is 3,385.80 元: as 128.25 KGM the price must be 26.40 per KGM, and say so. */
    @Test
    void convertsAPricePerJinWithTheQuantityIntoAPricePerKilogram() throws Exception {
        MappingEngine engine = engine("""
                      quantity: { column: 重量, unit: 斤 }
                      transaction.unitPrice: { column: 单价, unit: 斤 }
                """);

        TraceEvent event = accepted(engine.convert(valid(3, "重量", "256.5", "单价", "13.20"), CONTEXT));

        assertThat(event.getQuantity().getValue()).isEqualByComparingTo("128.25");
        assertThat(event.getTransaction().getUnitPrice().getValue()).isEqualTo(new BigDecimal("26.40"));
        assertThat(event.getTransaction().getUnitPrice().getPerUnit()).isEqualTo("KGM");
        assertThat(event.getQuantity().getValue().multiply(event.getTransaction().getUnitPrice().getValue()))
                .isEqualByComparingTo("3385.80");
    }

    /** A zero's exponent is free: 0E-999999999 kept its scale into the document, which wrote a billion zeros (out of memory). */
    @Test
    void aZeroWithAHugeExponentIsAPlainZero() throws Exception {
        assertThat(ValueConverter.decimal("0E-999999999")).isEqualTo(BigDecimal.ZERO);
        assertThat(ValueConverter.decimal("0E-2147483647")).isEqualTo(BigDecimal.ZERO);
        assertThat(ValueConverter.decimal("-0E+999999999")).isEqualTo(BigDecimal.ZERO);
        assertThat(ValueConverter.decimal("0.00")).as("an ordinary zero keeps its decimals").isEqualTo(new BigDecimal("0.00"));
        MappingEngine engine = engine("""
                      transaction.unitPrice: { column: 单价, unit: 斤 }
                """);

        TraceEvent event = accepted(engine.convert(valid(3, "单价", "0E-999999999"), CONTEXT));

        assertThat(event.getTransaction().getUnitPrice().getValue()).isEqualTo(BigDecimal.ZERO);
        String xml = StandardXml.toXml(event);
        assertThat(xml).hasSizeLessThan(10_000).contains(">0</");
    }

    @Test
    void takesThePricesUnitFromAColumnWhenTheSpecSaysSo() throws Exception {
        MappingEngine engine = engine("""
                      quantity: { column: 重量, unitColumn: 单位 }
                      transaction.unitPrice: { column: 单价, unitColumn: 单位 }
                """);

        TraceEvent jin = accepted(engine.convert(valid(3, "重量", "400", "单价", "3.20", "单位", "斤"), CONTEXT));
        TraceEvent tonnes = accepted(engine.convert(valid(4, "重量", "1.2", "单价", "2300", "单位", "吨"), CONTEXT));

        assertThat(jin.getTransaction().getUnitPrice().getValue()).isEqualTo(new BigDecimal("6.40"));
        assertThat(jin.getTransaction().getUnitPrice().getPerUnit()).isEqualTo("KGM");
        assertThat(tonnes.getTransaction().getUnitPrice().getValue()).isEqualTo(new BigDecimal("2300"));
        assertThat(tonnes.getTransaction().getUnitPrice().getPerUnit()).isEqualTo("TNE");
    }

    @Test
    void reportsAnUnknownUnitOfThePriceOnItsUnitColumn() throws Exception {
        MappingEngine engine = engine("      transaction.unitPrice: { column: 单价, unitColumn: 单位 }\n");

        ConvertedRow.Rejected rejected = rejected(engine.convert(valid(4, "单价", "3.40", "单位", "筐"), CONTEXT));

        assertThat(rejected.errors()).extracting(RowError::column, RowError::field, RowError::code, RowError::value)
                .containsExactly(tuple("单位", "transaction.unitPrice", ErrorCodes.UNIT_UNKNOWN, "筐"));
    }

    @Test
    void rejectsTextWhereANumberBelongs() throws Exception {
        MappingEngine engine = engine("      quantity: { column: 重量, unit: 斤 }\n");

        assertThat(rejected(engine.convert(valid(3, "重量", "十二斤"), CONTEXT)).errors())
                .extracting(RowError::code, RowError::field, RowError::value)
                .containsExactly(tuple(ErrorCodes.NUMBER_FORMAT, "quantity", "十二斤"));
    }

    @Test
    void convertsJinToKilograms() throws Exception {
        MappingEngine engine = engine("      quantity: { column: 重量, unit: 斤 }\n");

        TraceEvent event = accepted(engine.convert(valid(3, "重量", "12.5"), CONTEXT));

        assertThat(event.getQuantity().getValue()).isEqualByComparingTo("6.25");
        assertThat(event.getQuantity().getUnit()).isEqualTo("KGM");
    }

    @Test
    void takesTheUnitFromAColumnWhenTheSpecSaysSo() throws Exception {
        MappingEngine engine = engine("      quantity: { column: 重量, unitColumn: 单位 }\n");

        TraceEvent event = accepted(engine.convert(valid(3, "重量", "3", "单位", "吨"), CONTEXT));
        assertThat(event.getQuantity().getValue()).isEqualByComparingTo("3");
        assertThat(event.getQuantity().getUnit()).isEqualTo("TNE");

        assertThat(rejected(engine.convert(valid(4, "重量", "3", "单位", "担"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.UNIT_UNKNOWN);
    }

    @Test
    void rejectsANonPositiveQuantityShowingTheCellAsTyped() throws Exception {
        MappingEngine engine = engine("      quantity: { column: 重量, unit: 斤 }\n");

        assertThat(rejected(engine.convert(valid(3, "重量", "-35"), CONTEXT)).errors())
                .extracting(RowError::code, RowError::column, RowError::value)
                .containsExactly(tuple(ErrorCodes.QUANTITY_NOT_POSITIVE, "重量", "-35"));
    }

    @Test
    void translatesCodesThroughALookupTable() throws Exception {
        MappingEngine engine = engine("""
                      product.code: { column: 品名, lookup: veg-products }
                      product.name: { column: 品名 }
                lookups:
                  veg-products: { 青菜: "0201", 大白菜: "0202" }
                """);

        TraceEvent event = accepted(engine.convert(valid(3, "品名", " 大白菜 "), CONTEXT));

        assertThat(event.getProduct().getCode()).isEqualTo("0202");
        assertThat(event.getProduct().getName()).isEqualTo("大白菜");
    }

    @Test
    void rejectsAValueMissingFromTheLookupTable() throws Exception {
        MappingEngine engine = engine("""
                      product.code: { column: 品名, lookup: veg-products }
                lookups:
                  veg-products: { 青菜: "0201" }
                """);

        assertThat(rejected(engine.convert(valid(3, "品名", "菠菜"), CONTEXT)).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.LOOKUP_MISSING);
            assertThat(e.field()).isEqualTo("product.code");
            assertThat(e.column()).isEqualTo("品名");
            assertThat(e.value()).isEqualTo("菠菜");
            assertThat(e.message()).contains("菠菜").contains("veg-products");
        });
    }

    /** The loader checks a constant through its table as the engine will read it: ignoring case, as a cell is. */
    @Test
    void aConstantWrittenInAnotherCaseThanItsLookupKeyLoadsAndGivesEveryRowTheTablesValue() throws Exception {
        Files.createDirectories(dir.resolve("lookups"));
        Files.writeString(dir.resolve("lookups/buyers.csv"), "legacy,standard\nLIANHUA,91310115MA1K3BTP2B\n", StandardCharsets.UTF_8);
        MappingEngine engine = engine("""
                      counterparty.uscc: { value: lianhua, lookup: buyers }
                      counterparty.nodeType: { value: sh, lookup: types }
                lookups:
                  buyers: { file: lookups/buyers.csv }
                  types: { SH: supermarket }
                """);

        TraceEvent event = accepted(engine.convert(valid(3), CONTEXT));
        assertThat(event.getCounterparty().getUscc()).isEqualTo("91310115MA1K3BTP2B");
        assertThat(event.getCounterparty().getNodeType()).isEqualTo(NodeType.SUPERMARKET);
    }

    @Test
    void findsALookupKeyTypedInAnotherCaseUnlessTheTableHoldsBothCases() throws Exception {
        MappingEngine engine = engine("""
                      product.code: { column: 品名, lookup: codes }
                lookups:
                  codes: { LPG: "0301", ab: "0401", AB: "0402" }
                """);

        assertThat(accepted(engine.convert(valid(3, "品名", "lpg"), CONTEXT)).getProduct().getCode()).isEqualTo("0301");
        assertThat(accepted(engine.convert(valid(4, "品名", "ab"), CONTEXT)).getProduct().getCode()).isEqualTo("0401");
        // ab and AB mean different things: Ab is neither
        assertThat(rejected(engine.convert(valid(5, "品名", "Ab"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.LOOKUP_MISSING);
    }

    @Test
    void upperCasesACreditCodeTypedInLowerCaseSinceGb32100HasNoLowerCaseLetters() throws Exception {
        MappingEngine engine = engine("      counterparty.uscc: { column: 买方信用代码 }\n");

        TraceEvent event = accepted(engine.convert(valid(3, "买方信用代码", "91310115ma1k3btp2b"), CONTEXT));

        assertThat(event.getCounterparty().getUscc()).isEqualTo("91310115MA1K3BTP2B");
    }

    @Test
    void rejectsAValueThatIsNotInACodeList() throws Exception {
        MappingEngine engine = engine("      counterparty.nodeType: { column: 备注 }\n");

        assertThat(accepted(engine.convert(valid(3, "备注", "SUPERMARKET"), CONTEXT)).getCounterparty().getNodeType())
                .isEqualTo(NodeType.SUPERMARKET);
        assertThat(rejected(engine.convert(valid(4, "备注", "超市"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.LOOKUP_MISSING);
    }

    @Test
    void splitsAListCellIntoInputs() throws Exception {
        MappingEngine engine = engine("      inputs: { column: 来源批次, split: \";\" }\n");

        TraceEvent event = accepted(engine.convert(valid(3, "来源批次", "TZ001; TZ002；TZ003;;"), CONTEXT));

        assertThat(event.getInputs().getInput()).containsExactly("TZ001", "TZ002", "TZ003");
    }

    @Test
    void splitsAListCellAtAnyOfTheSeparatorsTheSpecLists() throws Exception {
        MappingEngine engine = engine("      inputs: { column: 来源批次, split: [\";\", \"、\", \",\"] }\n");

        for (String cell : List.of("TZ001、TZ002", "TZ001，TZ002", "TZ001,TZ002", "TZ001；TZ002", "TZ001 , TZ002")) {
            assertThat(accepted(engine.convert(valid(3, "来源批次", cell), CONTEXT)).getInputs().getInput()).as(cell)
                    .containsExactly("TZ001", "TZ002");
        }
    }

    /**
     * A retail market that records the wholesale trace code as its own batch, with that code as its input too: before, the
     * whole row was refused (INPUT_IS_SELF was an error); now it is loaded with a warning and without the link to itself,
     * which the store would keep as one. Other inputs of the row stay.
     */
    @Test
    void loadsARowWhoseInputIsItsOwnTraceCodeWithoutThatInputAndWarns() throws Exception {
        MappingEngine engine = engine("      inputs: { column: 来源批次, split: \";\" }\n");

        ConvertedRow only = engine.convert(valid(3, "来源批次", "VT001"), CONTEXT);
        assertThat(only).isInstanceOfSatisfying(ConvertedRow.Accepted.class, a -> {
            assertThat(a.event().getInputs()).isNull();
            assertThat(a.warnings()).extracting(RowError::code, RowError::severity, RowError::column, RowError::value)
                    .containsExactly(tuple(ErrorCodes.INPUT_IS_SELF, Severity.WARNING, "来源批次", "VT001"));
            assertThat(a.warnings().get(0).message()).contains("本行已接收", "该来源批次未记录");
        });

        ConvertedRow withOthers = engine.convert(valid(4, "来源批次", "TZ001;VT001;TZ002"), CONTEXT);
        assertThat(accepted(withOthers).getInputs().getInput()).containsExactly("TZ001", "TZ002");
    }

    /** The quantities of one lot made in bottles and shipped in cases (件) stay apart, neither counted as pieces. */
    @Test
    void keepsAPackageUnitFromTheUnitColumnInsteadOfCountingItAsPieces() throws Exception {
        MappingEngine engine = engine("      quantity: { column: 重量, unitColumn: 单位 }\n");

        assertThat(accepted(engine.convert(valid(3, "重量", "8600", "单位", "瓶"), CONTEXT)).getQuantity().getUnit()).isEqualTo("XBO");
        assertThat(accepted(engine.convert(valid(4, "重量", "120", "单位", "件"), CONTEXT)).getQuantity().getUnit()).isEqualTo("XPK");
        assertThat(accepted(engine.convert(valid(5, "重量", "12", "单位", "个"), CONTEXT)).getQuantity().getUnit()).isEqualTo("PCE");
    }

    @Test
    void keepsAListCellWithoutASeparatorWholeAndWarnsOfSeveralLotsTheSpecDoesNotSplitInsteadOfSayingNothing() throws Exception {
        MappingEngine single = engine("      inputs: { column: 来源批次 }\n");
        MappingEngine semicolons = engine("      inputs: { column: 来源批次, split: \";\" }\n");

        assertThat(accepted(single.convert(valid(3, "来源批次", "TZ001"), CONTEXT)).getInputs().getInput()).containsExactly("TZ001");
        // a separator other than the spec's: before, one input TZ2611260088、TZ2611260091 without a word; a legacy code may
        // hold one (JC;2019;000457), so the row is kept and the clerk told which cell to check
        for (String cell : List.of("TZ2611260088;TZ2611260091", "TZ2611260088 TZ2611260091")) {
            ConvertedRow row = single.convert(valid(4, "来源批次", cell), CONTEXT);
            assertThat(row).as(cell).isInstanceOfSatisfying(ConvertedRow.Accepted.class, a -> assertThat(a.warnings())
                    .extracting(RowError::code, RowError::column, RowError::field, RowError::value)
                    .containsExactly(tuple(ErrorCodes.INPUT_HOLDS_SEPARATOR, "来源批次", "inputs", cell)));
        }
        ConvertedRow row = semicolons.convert(valid(5, "来源批次", "TZ2611260088、TZ2611260091"), CONTEXT);
        assertThat(row).isInstanceOfSatisfying(ConvertedRow.Accepted.class, a -> assertThat(a.warnings()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("来源批次“TZ2611260088、TZ2611260091”含有分隔符“、”")));
    }

    @Test
    void refusesACodeInScientificNotationFromACsvSavedByExcelButReadsSuchANumberIntoADecimalField() throws Exception {
        MappingEngine engine = engine("""
                      certificates.ORIGIN: { column: 备注 }
                      inputs: { column: 来源批次, split: ";" }
                      transaction.unitPrice: { column: 单价 }
                """);

        // 310012611270001 typed into a General cell, shown and saved as 3.10013E+14: nine digits are gone
        assertThat(rejected(engine.convert(valid(3, "备注", "3.10013E+14", "来源批次", "3.41122E+15"), CONTEXT)).errors())
                .extracting(RowError::code, RowError::column, RowError::field, RowError::value)
                .containsExactly(tuple(ErrorCodes.NUMBER_DIGITS_LOST, "备注", "certificates.ORIGIN", "3.10013E+14"),
                        tuple(ErrorCodes.NUMBER_DIGITS_LOST, "来源批次", "inputs", "3.41122E+15"));
        assertThat(rejected(engine.convert(valid(4, "备注", " 3e14 "), CONTEXT)).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("科学计数法“3e14”", "设为文本格式"));
        // the key: every row whose code starts alike would be one record
        assertThat(rejected(engine.convert(valid(5, "单号", "2.61127E+11"), CONTEXT)).errors())
                .extracting(RowError::code, RowError::column).containsExactly(tuple(ErrorCodes.NUMBER_DIGITS_LOST, "单号"));
        // a number is a number: 1.2E+05 in a price is 120000
        assertThat(accepted(engine.convert(valid(6, "单价", "1.2E+05"), CONTEXT)).getTransaction().getUnitPrice().getValue())
                .isEqualByComparingTo("120000");
        // codes that merely contain an E stay codes
        assertThat(accepted(engine.convert(valid(7, "备注", "3E2611A", "来源批次", "TZ26E11"), CONTEXT)).getInputs().getInput())
                .containsExactly("TZ26E11");
    }

    @Test
    void fillsAFieldFromAConstantAndFromAColumnPosition() throws Exception {
        MappingEngine engine = engine("""
                      origin: { value: "310112" }
                      product.name: { index: 5 }
                """);

        TraceEvent event = accepted(engine.convert(valid(3, "品名", "青菜"), CONTEXT));

        assertThat(event.getOrigin()).isEqualTo("310112");
        assertThat(event.getProduct().getName()).isEqualTo("青菜");
    }

    @Test
    void normalisesFullWidthTextInCells() throws Exception {
        TraceEvent event = accepted(engine("").convert(valid(3, "追溯码", "\u3000ＶＴ００１ "), CONTEXT));

        assertThat(event.getTraceCode()).isEqualTo("VT001");
    }

    @Test
    void reportsEveryProblemOfARowInOneRejection() throws Exception {
        MappingEngine engine = engine("""
                      quantity: { column: 重量, unit: 斤 }
                      counterparty.uscc: { column: 买方信用代码 }
                """);

        ConvertedRow.Rejected rejected = rejected(engine.convert(
                valid(6, "时间", "2026/2/30 8:00", "重量", "abc", "买方信用代码", "9131011508799493IO"), CONTEXT));

        assertThat(rejected.row()).isEqualTo(6);
        assertThat(rejected.errors()).extracting(RowError::field, RowError::code).containsExactlyInAnyOrder(
                tuple("time", ErrorCodes.DATE_FORMAT),
                tuple("quantity", ErrorCodes.NUMBER_FORMAT),
                tuple("counterparty.uscc", ErrorCodes.USCC_CHARACTER));
        assertThat(rejected.errors()).allSatisfy(e -> assertThat(e.row()).isEqualTo(6));
    }

    @Test
    void reportsAMissingMandatoryFieldAndAMissingKey() throws Exception {
        ConvertedRow.Rejected rejected = rejected(engine("").convert(row(4, "单号", "", "追溯码", "", "时间", "2026/11/27 3:15"), CONTEXT));

        assertThat(rejected.errors()).extracting(RowError::column, RowError::field, RowError::code).containsExactlyInAnyOrder(
                tuple("单号", null, ErrorCodes.FIELD_REQUIRED),
                tuple("追溯码", "traceCode", ErrorCodes.FIELD_REQUIRED));
    }

    @Test
    void reportsAnUnknownUnitOnTheUnitColumnWithTheUnitAsTyped() throws Exception {
        MappingEngine engine = engine("      quantity: { column: 重量, unitColumn: 单位 }\n");

        ConvertedRow.Rejected rejected = rejected(engine.convert(valid(4, "重量", "1,200", "单位", " 担 "), CONTEXT));

        assertThat(rejected.errors()).extracting(RowError::column, RowError::field, RowError::code, RowError::value)
                .containsExactly(tuple("单位", "quantity", ErrorCodes.UNIT_UNKNOWN, " 担 "));
        assertThat(rejected.errors().get(0).message()).isEqualTo("无法识别的计量单位“担”");
    }

    @Test
    void saysAnEmptyUnitCellIsEmptyInsteadOfCallingTheUnitNull() throws Exception {
        MappingEngine engine = engine("      quantity: { column: 重量, unitColumn: 单位 }\n");

        assertThat(rejected(engine.convert(valid(3, "重量", "12", "单位", " "), CONTEXT)).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.UNIT_UNKNOWN);
            assertThat(e.column()).isEqualTo("单位");
            assertThat(e.field()).isEqualTo("quantity");
            assertThat(e.message()).startsWith("单位为空").contains("数量12", "“单位”").doesNotContain("null");
        });
    }

    @Test
    void reportsABadKeyCellOnceEvenWhenTheKeyNamesItTwice() throws Exception {
        MappingSpec spec = spec(HEAD.formatted("").replace("key: [单号]", "key: [单号, 追溯码, 单号]"));
        MappingEngine engine = new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));

        ConvertedRow.Rejected rejected = rejected(engine.convert(valid(7, "单号", "　"), CONTEXT));

        assertThat(rejected.errors()).extracting(RowError::column, RowError::field, RowError::code)
                .containsExactly(tuple("单号", null, ErrorCodes.FIELD_REQUIRED));
    }

    @Test
    void reportsEachEmptyKeyColumnOfARow() throws Exception {
        MappingSpec spec = spec(HEAD.formatted("").replace("key: [单号]", "key: [单号, 追溯码, 单号]"));
        MappingEngine engine = new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));

        ConvertedRow.Rejected rejected = rejected(engine.convert(valid(8, "单号", "", "追溯码", ""), CONTEXT));

        assertThat(rejected.errors()).extracting(RowError::column, RowError::field, RowError::code).containsExactlyInAnyOrder(
                tuple("单号", null, ErrorCodes.FIELD_REQUIRED),
                tuple("追溯码", null, ErrorCodes.FIELD_REQUIRED),
                tuple("追溯码", "traceCode", ErrorCodes.FIELD_REQUIRED));
    }

    @Test
    void keepsTheRawCellsOfARejectedRow() throws Exception {
        RawRecord record = valid(9, "时间", "2026/2/30 8:00", "备注", " ＡＢ ");

        ConvertedRow.Rejected rejected = rejected(engine("").convert(record, CONTEXT));

        assertThat(rejected.cells()).isEqualTo(record.cells());
        assertThat(rejected.cells()).contains("2026/2/30 8:00", " ＡＢ ");
    }

    @Test
    void acceptsARowWithOnlyWarningsAndCarriesTheWarnings() throws Exception {
        MappingEngine engine = engine("      counterparty.uscc: { column: 买方信用代码 }\n");

        ConvertedRow row = engine.convert(valid(11, "买方信用代码", "91350100M0001TGQXM"), CONTEXT);

        assertThat(row).isInstanceOfSatisfying(ConvertedRow.Accepted.class, a -> assertThat(a.warnings())
                .extracting(RowError::severity, RowError::code, RowError::column)
                .containsExactly(tuple(Severity.WARNING, ErrorCodes.USCC_CHECK_DIGIT, "买方信用代码")));
    }

    @Test
    void appliesTheStandardsRulesForTheCategory() throws Exception {
        MappingEngine engine = engine("""
                      certificates.ANIMAL_QUARANTINE: { column: 备注 }
                """, "MEAT");

        assertThat(rejected(engine.convert(valid(3), CONTEXT)).errors()).extracting(RowError::code)
                .containsExactly(ErrorCodes.CERTIFICATE_REQUIRED);
        TraceEvent event = accepted(engine.convert(valid(4, "备注", "3100123456"), CONTEXT));
        assertThat(event.getCertificates().getCertificate()).singleElement()
                .satisfies(c -> assertThat(c.getType()).isEqualTo(CertificateType.ANIMAL_QUARANTINE));
    }

    @Test
    void rejectsATimeInTheFuture() throws Exception {
        assertThat(rejected(engine("").convert(valid(3, "时间", "2027/1/1 8:00"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.TIME_IN_FUTURE);
    }

    @Test
    void skipsARowWhoseColumnEqualsTheRuleValue() throws Exception {
        MappingEngine engine = engineWithSkip("{ column: 序号, equals: 合计 }", "");

        ConvertedRow row = engine.convert(row(12, "序号", " 合计 ", "重量", "2,518"), CONTEXT);

        assertThat(row).isEqualTo(new ConvertedRow.Skipped(12, "序号=合计"));
        assertThat(engine.convert(valid(3, "序号", "合计行"), CONTEXT)).isInstanceOf(ConvertedRow.Accepted.class);
    }

    @Test
    void skipsARowWhoseColumnStartsWithTheRuleValue() throws Exception {
        MappingEngine engine = engineWithSkip("{ column: 序号, startsWith: 小计 }", "");

        assertThat(engine.convert(row(8, "序号", "小计（猪肉）"), CONTEXT)).isInstanceOf(ConvertedRow.Skipped.class);
        assertThat(engine.convert(valid(9, "序号", "1"), CONTEXT)).isInstanceOf(ConvertedRow.Accepted.class);
    }

    @Test
    void aTotalsRowSpacedOutWithAFullWidthSpaceIsSkippedByItsRule() throws Exception {
        MappingEngine engine = engineWithSkip("{ column: 序号, equals: 合计 }, { column: 序号, startsWith: 小计 }", "");

        assertThat(engine.convert(row(12, "序号", "合\u3000计", "重量", "2,518"), CONTEXT))
                .isEqualTo(new ConvertedRow.Skipped(12, "序号=合 计"));
        assertThat(engine.convert(row(13, "序号", "小 计（猪肉）"), CONTEXT)).isInstanceOf(ConvertedRow.Skipped.class);
        assertThat(engine.convert(valid(3, "序号", "合计 行"), CONTEXT)).isInstanceOf(ConvertedRow.Accepted.class);
    }

    @Test
    void skipsARowWhenAnExpressionOverTheRowHolds() throws Exception {
        MappingEngine engine = engineWithSkip("{ when: \"['序号'] == '合计'\" }", "");

        assertThat(engine.convert(row(12, "序号", "合计", "重量", "2,518"), CONTEXT))
                .isEqualTo(new ConvertedRow.Skipped(12, "['序号'] == '合计'"));
        assertThat(engine.convert(valid(3, "序号", "1"), CONTEXT)).isInstanceOf(ConvertedRow.Accepted.class);
    }

    @Test
    void skipExpressionsSeeNormalisedCellsAndSupportLogicAndRegularExpressions() throws Exception {
        MappingEngine engine = engineWithSkip(
                "{ when: \"['备注'] == '作废' and ['单号'] != null\" }, { when: \"['序号'] matches '(小计|合计).*'\" }", "");

        assertThat(engine.convert(valid(3, "备注", "\u3000作废 "), CONTEXT)).isInstanceOf(ConvertedRow.Skipped.class);
        assertThat(engine.convert(valid(4, "序号", "小计：猪肉"), CONTEXT)).isInstanceOf(ConvertedRow.Skipped.class);
        assertThat(engine.convert(valid(5, "序号", "5", "备注", "正常"), CONTEXT)).isInstanceOf(ConvertedRow.Accepted.class);
    }

    @Test
    void aSkipExpressionMayNameTheColumnWithoutQuotes() throws Exception {
        MappingEngine engine = engineWithSkip("{ when: \"[序号] == '合计'\" }", "");

        assertThat(engine.convert(row(12, "序号", "合计"), CONTEXT)).isInstanceOf(ConvertedRow.Skipped.class);
    }

    @Test
    void aSkipExpressionThatCannotBeEvaluatedRejectsTheRowInsteadOfFailingTheFile() throws Exception {
        // a text compared with a number cannot be evaluated; it is the row that is refused, not the file
        MappingEngine engine = engineWithSkip("{ when: \"['序号'] > 5\" }", "");

        ConvertedRow row = engine.convert(valid(3, "序号", "1"), CONTEXT);

        assertThat(row).isInstanceOfSatisfying(ConvertedRow.Rejected.class, r -> {
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.EXPRESSION_FAILED);
                assertThat(e.message()).isEqualTo("映射规则计算出错：跳过规则“['序号'] > 5”无法计算，本行未能转换；这是平台映射规则的问题，"
                        + "不是文件内容的问题，请联系平台管理员");
            });
            assertThat(r.cells()).contains("VT001");
        });
    }

    @Test
    void skipsBlankRowsWithoutError() throws Exception {
        MappingEngine engine = engine("");

        assertThat(engine.convert(row(5), CONTEXT)).isEqualTo(new ConvertedRow.Skipped(5, "空行"));
        assertThat(engine.convert(row(6, "单号", " ", "追溯码", "\t"), CONTEXT)).isInstanceOf(ConvertedRow.Skipped.class);
        // no-break and ideographic spaces, as a cell pasted from a web page or typed on a Chinese keyboard holds them
        assertThat(engine.convert(row(7, "单号", "\u00A0", "追溯码", "\u3000\u00A0"), CONTEXT)).isEqualTo(new ConvertedRow.Skipped(7, "空行"));
    }

    @Test
    void givesTheSameEventIdToTheSameNaturalKeyAcrossRunsAndBatches() throws Exception {
        String fields = "      product.name: { column: 品名 }\n";
        RawRecord first = valid(3, "品名", "青菜");
        RawRecord resent = valid(17, "品名", "大白菜", "时间", "2026/11/27 9:00");

        String id1 = accepted(engine(fields).convert(first, CONTEXT)).getEventId();
        String id2 = accepted(engine(fields).convert(resent, new ConversionContext("veg-test", "batch-2", 2))).getEventId();
        String other = accepted(engine(fields).convert(valid(3, "单号", "D2"), CONTEXT)).getEventId();

        assertThat(id1).isEqualTo(id2).isEqualTo(EventIds.of("veg-test", List.of("D1")));
        assertThat(other).isNotEqualTo(id1);
    }

    @Test
    void aCodePastedWithAZeroWidthSpaceIsTheSameCodeAndTheSameEventAsTheCleanOne() throws Exception {
        MappingEngine engine = engine("      inputs: { column: 来源批次 }\n");

        TraceEvent pasted = accepted(engine.convert(valid(3, "单号", "D1\u200B", "追溯码", "XJM2611270005\u200B",
                "来源批次", "\uFEFFTZ2611260088\u2060"), CONTEXT));
        TraceEvent clean = accepted(engine.convert(valid(3, "单号", "D1", "追溯码", "XJM2611270005", "来源批次", "TZ2611260088"), CONTEXT));

        assertThat(pasted.getTraceCode()).isEqualTo("XJM2611270005");
        assertThat(pasted.getInputs().getInput()).containsExactly("TZ2611260088");
        assertThat(pasted.getEventId()).isEqualTo(clean.getEventId());
    }

    @Test
    void anAcceptedRowCarriesItsNaturalKeyAsTheStoreFindsItsEventBy() throws Exception {
        String fields = "      product.name: { column: 品名 }\n";

        ConvertedRow row = engine(fields).convert(valid(3, "单号", " D7 "), CONTEXT);

        assertThat(row).isInstanceOfSatisfying(ConvertedRow.Accepted.class,
                a -> assertThat(a.recordKey()).isEqualTo("\u001fD7").isEqualTo(EventIds.recordKey("veg-test", List.of("D7"))));
    }

    @Test
    void checkHeaderNamesEveryMissingColumn() throws Exception {
        MappingEngine engine = engineWithSkip("{ column: 序号, equals: 合计 }", """
                      quantity: { column: 重量, unitColumn: 单位 }
                """);

        assertThatThrownBy(() -> engine.checkHeader(List.of("单号", "追溯码", "品名")))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
                    assertThat(e.row()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("时间", "重量", "单位", "序号").contains("实际表头为：单号、追溯码、品名");
                });
    }

    @Test
    void checkHeaderAcceptsAHeaderWithEveryColumnAndMore() throws Exception {
        engine("      product.name: { column: 品名 }\n").checkHeader(Arrays.asList(HEADER));
    }

    @Test
    void convertsAWholeFileAndCountsTheOutcomes() throws Exception {
        MappingSpec spec = spec(HEAD.formatted("{ column: 序号, equals: 合计 }") + """
                      quantity: { column: 重量, unit: 斤 }
                """);
        Path csv = Files.writeString(dir.resolve("进货_20261127.csv"), """
                序号,单号,追溯码,时间,重量
                1,D1,VT001,2026/11/27 3:15,"1,200"
                2,D2,VT002,2026/2/30 3:15,10
                ,,,,
                合计,,,,"1,210"
                """, StandardCharsets.UTF_8);
        List<ConvertedRow> rows = new ArrayList<>();

        FileConversion.Counts counts = new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK))
                .run(csv, CONTEXT, rows::add);

        assertThat(counts).isEqualTo(new FileConversion.Counts(2, 1, 1, 2));
        assertThat(rows).extracting(ConvertedRow::row).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rows.get(0)).isInstanceOfSatisfying(ConvertedRow.Accepted.class,
                a -> assertThat(a.event().getQuantity().getValue()).isEqualByComparingTo("600"));
    }

    @Test
    void aFileWhoseHeaderLacksAColumnFailsAsAWhole() throws Exception {
        MappingSpec spec = spec(HEAD.formatted(""));
        Path csv = Files.writeString(dir.resolve("进货.csv"), "单号,追溯码\nD1,VT001\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK))
                .run(csv, CONTEXT, row -> { }))
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING));
    }

    /**
     * Two columns headed 重量 (the old one kept beside a corrected one): the reader would take the first, maybe the one the
     * clerk no longer fills, so the file is refused naming both; a repeated column the spec does not read is no matter.
     */
    @Test
    void aFileWhoseHeaderRepeatsAColumnTheSpecReadsFailsAsAWholeNamingBothPositions() throws Exception {
        MappingSpec spec = spec(HEAD.formatted("") + """
                      quantity: { column: 重量, unit: 斤 }
                """);
        Path csv = Files.writeString(dir.resolve("进货.csv"), "单号,追溯码,时间,重量,备注,重量,备注\nD1,VT001,2026/11/27 3:15,10,,12,\n",
                StandardCharsets.UTF_8);
        List<ConvertedRow> rows = new ArrayList<>();

        assertThatThrownBy(() -> new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK)).run(csv, CONTEXT, rows::add))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_AMBIGUOUS);
                    assertThat(e.row()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("表头（第1行）中列“重量”（第4、6列）出现了不止一次").doesNotContain("备注");
                });
        assertThat(rows).isEmpty();

        Path notRead = Files.writeString(dir.resolve("进货2.csv"), "单号,追溯码,时间,重量,备注,备注\nD1,VT001,2026/11/27 3:15,10,,\n",
                StandardCharsets.UTF_8);
        assertThat(new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK)).run(notRead, CONTEXT, rows::add).accepted())
                .isEqualTo(1);
    }

    @Test
    void rejectsARowWhoseOwnTraceCodeDoesNotMatchTheSourcesPatternNamingThePatternAndItsExample() throws Exception {
        MappingEngine engine = engine("""
                      inputs: { column: 来源批次, split: ";" }
                traceCodePattern: 'VT\\d{6}'
                traceCodeExample: VT261127
                """);

        ConvertedRow.Rejected row = rejected(engine.convert(valid(7, "追溯码", "VT-2611"), CONTEXT));

        assertThat(row.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(7);
            assertThat(e.column()).isEqualTo("追溯码");
            assertThat(e.field()).isEqualTo("traceCode");
            assertThat(e.severity()).isEqualTo(Severity.ERROR);
            assertThat(e.code()).isEqualTo(ErrorCodes.TRACE_CODE_PATTERN);
            assertThat(e.value()).isEqualTo("VT-2611");
            assertThat(e.message()).contains("追溯码“VT-2611”不符合本数据源约定的格式", "正则表达式“VT\\d{6}”", "例如“VT261127”");
        });
    }

    @Test
    void acceptsARowWhoseTraceCodeMatchesThePatternAsNormalisedWhateverItsInputsLookLike() throws Exception {
        MappingEngine engine = engine("""
                      inputs: { column: 来源批次, split: ";" }
                traceCodePattern: 'VT\\d{6}'
                """);

        // full-width digits are normalised before the pattern sees them; an input is another source's code
        TraceEvent event = accepted(engine.convert(valid(7, "追溯码", " VT２６１１２７ ", "来源批次", "TZ-2611-0088;SL/99"), CONTEXT));

        assertThat(event.getTraceCode()).isEqualTo("VT261127");
        assertThat(event.getInputs().getInput()).containsExactly("TZ-2611-0088", "SL/99");
    }

    @Test
    void leavesTraceCodesOpaqueForASpecWithoutAPattern() throws Exception {
        MappingEngine engine = engine("");

        assertThat(accepted(engine.convert(valid(7, "追溯码", "any-shape #1"), CONTEXT)).getTraceCode()).isEqualTo("any-shape #1");
    }

    @Test
    void warnsOfAHiddenRowAndStillAcceptsIt() throws Exception {
        MappingEngine engine = engine("");
        RawRecord visible = valid(9);
        RawRecord hidden = new RawRecord(9, visible.cells(), visible.header(), false, 0, null, true);

        ConvertedRow row = engine.convert(hidden, CONTEXT);

        assertThat(row).isInstanceOfSatisfying(ConvertedRow.Accepted.class, a -> {
            assertThat(a.event().getTraceCode()).isEqualTo("VT001");
            assertThat(a.warnings()).singleElement().satisfies(w -> {
                assertThat(w.row()).isEqualTo(9);
                assertThat(w.severity()).isEqualTo(Severity.WARNING);
                assertThat(w.code()).isEqualTo(ErrorCodes.ROW_HIDDEN);
                assertThat(w.column()).isNull();
                assertThat(w.message()).contains("被隐藏（或被筛选隐藏）", "仍按正常数据导入", "隐藏不等于删除");
            });
        });
        assertThat(((ConvertedRow.Accepted) engine.convert(visible, CONTEXT)).warnings()).isEmpty();
    }

    // --- helpers ---

    private OffsetDateTime time(MappingEngine engine, String text) {
        return accepted(engine.convert(valid(3, "时间", text), CONTEXT)).getTime();
    }

    private static TraceEvent accepted(ConvertedRow row) {
        assertThat(row).as("row outcome").isInstanceOf(ConvertedRow.Accepted.class);
        return ((ConvertedRow.Accepted) row).event();
    }

    private static ConvertedRow.Rejected rejected(ConvertedRow row) {
        assertThat(row).as("row outcome").isInstanceOf(ConvertedRow.Rejected.class);
        return (ConvertedRow.Rejected) row;
    }

    private MappingEngine engine(String fields) throws Exception {
        return engine(fields, "VEGETABLE");
    }

    private MappingEngine engine(String fields, String category) throws Exception {
        MappingSpec spec = spec(HEAD.formatted("").replace("category: VEGETABLE", "category: " + category) + fields);
        return new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));
    }

    private MappingEngine engineWithSkip(String skip, String fields) throws Exception {
        MappingSpec spec = spec(HEAD.formatted(skip) + fields);
        return new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));
    }

    private MappingEngine engineWithTimePatterns(String patterns) throws Exception {
        String yaml = HEAD.formatted("");
        yaml = yaml.substring(0, yaml.indexOf("date: [") + 7) + patterns + " ] }\n";
        MappingSpec spec = spec(yaml);
        return new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));
    }

    private MappingSpec spec(String yaml) throws Exception {
        return new SpecLoader().load(Files.writeString(dir.resolve("spec.yaml"), yaml, StandardCharsets.UTF_8));
    }

    /** A row that converts cleanly unless the given cells (name, value, …) override it. */
    private static RawRecord valid(long rowNumber, String... cells) {
        Map<String, String> values = new HashMap<>(Map.of("单号", "D1", "追溯码", "VT001", "时间", "2026/11/27 3:15"));
        for (int i = 0; i < cells.length; i += 2) {
            values.put(cells[i], cells[i + 1]);
        }
        return record(rowNumber, values);
    }

    /** A row holding only the given cells (name, value, …); every other column of HEADER is empty. */
    private static RawRecord row(long rowNumber, String... cells) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            values.put(cells[i], cells[i + 1]);
        }
        return record(rowNumber, values);
    }

    private static RawRecord record(long rowNumber, Map<String, String> values) {
        Map<String, Integer> index = new HashMap<>();
        List<String> list = new ArrayList<>();
        for (int i = 0; i < HEADER.length; i++) {
            index.put(HEADER[i], i);
            list.add(values.getOrDefault(HEADER[i], ""));
        }
        return new RawRecord(rowNumber, list, index);
    }
}
