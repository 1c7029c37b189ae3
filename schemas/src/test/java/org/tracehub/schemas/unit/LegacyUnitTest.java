package org.tracehub.schemas.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyUnitTest {

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({
            "12.5, 斤,   6.25,   KGM",
            "3,    两,   0.15,   KGM",
            "500,  克,   0.5,    KGM",
            "250,  毫升, 0.25,   LTR",
            "2,    公斤, 2,      KGM",
            "1.2,  吨,   1.2,    TNE",
            "1.5,  升,   1.5,    LTR",
            "3,    头,   3,      PCE",
            "24,   瓶,   24,     XBO",
            "15.0, 兆帕, 15,     MPA",
            "0.1,  斤,   0.05,   KGM",
            "1,    克,   0.001,  KGM"
    })
    void convertsExactlyToTheUneceUnit(String value, String unit, String expected, String standardUnit) {
        LegacyUnit legacy = LegacyUnit.parse(unit).orElseThrow();

        BigDecimal converted = legacy.toStandard(new BigDecimal(value));

        assertThat(legacy.standardUnit()).isEqualTo(standardUnit);
        assertThat(converted).isEqualTo(new BigDecimal(expected)); // equals: value and scale
    }

    /**
     * A price per a legacy unit as a price per its standard unit: divided by the factor the quantity is multiplied by,
     * so quantity × price stays the amount paid (256.5 斤 × 13.20 元/斤 = 128.25 kg × 26.40 元/kg = 3,385.80 元). Exact,
     * keeping at least the price's own decimals.
     */
    @ParameterizedTest(name = "{0} 元/{1} → {2} 元/{3}")
    @CsvSource({
            "13.20,  斤,   26.40,    KGM",
            "13.25,  斤,   26.50,    KGM",
            "2.5,    两,   50.0,     KGM",
            "0.012,  克,   12.000,   KGM",
            "0.30,   毫升, 300.00,   LTR",
            "26.40,  公斤, 26.40,    KGM",
            "2300,   吨,   2300,     TNE",
            "3.40,   箱,   3.40,     XCS"
    })
    void convertsAPricePerALegacyUnitToAPricePerItsStandardUnit(String price, String unit, String expected, String standardUnit) {
        LegacyUnit legacy = LegacyUnit.parse(unit).orElseThrow();

        BigDecimal converted = legacy.pricePerStandardUnit(new BigDecimal(price));

        assertThat(legacy.standardUnit()).isEqualTo(standardUnit);
        assertThat(converted).isEqualTo(new BigDecimal(expected)); // equals: value and scale
    }

    @Test
    void keepsTheAmountPaidWhenQuantityAndPriceAreConvertedTogether() {
        BigDecimal paid = new BigDecimal("256.5").multiply(new BigDecimal("13.20"));

        BigDecimal converted = LegacyUnit.JIN.toStandard(new BigDecimal("256.5"))
                .multiply(LegacyUnit.JIN.pricePerStandardUnit(new BigDecimal("13.20")));

        assertThat(converted).isEqualByComparingTo(paid).isEqualByComparingTo("3385.80");
    }

    @Test
    void keepsDecimalsThatBinaryFloatingPointWouldLose() {
        assertThat(LegacyUnit.JIN.toStandard(new BigDecimal("0.3")).toPlainString()).isEqualTo("0.15");
        assertThat(LegacyUnit.LIANG.toStandard(new BigDecimal("0.7")).toPlainString()).isEqualTo("0.035");
    }

    @Test
    void writesWholeResultsWithoutExponent() {
        assertThat(LegacyUnit.JIN.toStandard(new BigDecimal("200")).toString()).isEqualTo("100");
        assertThat(LegacyUnit.GRAM.toStandard(new BigDecimal("20000")).toString()).isEqualTo("20");
        assertThat(LegacyUnit.KILOGRAM.toStandard(new BigDecimal("1000")).toString()).isEqualTo("1000");
    }

    @ParameterizedTest
    @CsvSource({
            "斤, JIN", "两, LIANG", "公斤, KILOGRAM", "千克, KILOGRAM", "克, GRAM", "吨, TONNE",
            "升, LITRE", "毫升, MILLILITRE", "头, HEAD", "只, PIECE", "盒, BOX", "兆帕, MEGAPASCAL"
    })
    void parsesChineseNames(String text, LegacyUnit expected) {
        assertThat(LegacyUnit.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JIN", "jin", "Kilogram", "MILLILITRE"})
    void parsesEnumNamesIgnoringCase(String text) {
        assertThat(LegacyUnit.parse(text)).isPresent();
        assertThat(LegacyUnit.parse(text).orElseThrow().name()).isEqualToIgnoringCase(text);
    }

    @ParameterizedTest
    @CsvSource({
            "kg, KILOGRAM", "KG, KILOGRAM", "KGM, KILOGRAM", "g, GRAM", "GRM, GRAM", "t, TONNE", "TNE, TONNE",
            "L, LITRE", "l, LITRE", "LTR, LITRE", "ml, MILLILITRE", "mL, MILLILITRE", "MLT, MILLILITRE",
            "PCE, PIECE", "MPa, MEGAPASCAL", "XBO, BOTTLE", "xcs, CASE", "XPK, PACKAGE"
    })
    void parsesAbbreviationsAndUneceCodes(String text, LegacyUnit expected) {
        assertThat(LegacyUnit.parse(text)).contains(expected);
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(LegacyUnit.parse(" 斤 ")).contains(LegacyUnit.JIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"磅", "lb", "市斤斤", "kgs", "箱子"})
    @NullAndEmptySource
    void findsNothingForUnknownUnits(String text) {
        assertThat(LegacyUnit.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({
            "3,       市斤, 1.5,      KGM",
            "2,       市两, 0.1,      KGM",
            "250,     毫克, 0.00025,  KGM",
            "0.5,     公吨, 0.5,      TNE",
            "2,       公升, 2,        LTR",
            "12,      箱,   12,       XCS",
            "30,      羽,   30,       PCE",
            "8,       支,   8,        PCE"
    })
    void convertsFurtherUnitsOfChineseExportsExactly(String value, String unit, String expected, String standardUnit) {
        LegacyUnit legacy = LegacyUnit.parse(unit).orElseThrow();

        assertThat(legacy.standardUnit()).isEqualTo(standardUnit);
        assertThat(legacy.toStandard(new BigDecimal(value))).isEqualTo(new BigDecimal(expected));
    }

    /**
     * A package is counted in its own UN/ECE Rec 21 unit (X-prefixed as Rec 20 writes it), never as pieces: a lot made as
     * 8,600 瓶 and shipped as 120 件 (cases) under one unit would make a recall's reconciliation off by the case size.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"瓶, XBO", "罐, XCX", "袋, XBG", "盒, XBX", "箱, XCS", "包, XPA", "桶, XDR", "件, XPK"})
    void countsEachPackageInItsOwnUnitNotAsPieces(String unit, String standardUnit) {
        LegacyUnit legacy = LegacyUnit.parse(unit).orElseThrow();

        assertThat(legacy.standardUnit()).isEqualTo(standardUnit).isNotEqualTo("PCE");
        assertThat(legacy.toStandard(new BigDecimal("120"))).isEqualTo(new BigDecimal("120"));
        assertThat(StandardUnit.of(standardUnit).orElseThrow().chineseName()).isEqualTo(unit);
    }

    /** Single animals, fish, eggs and machines stay pieces. */
    @ParameterizedTest
    @ValueSource(strings = {"个", "只", "头", "条", "尾", "羽", "枚", "支", "台", "部"})
    void countsSingleThingsAsPieces(String unit) {
        assertThat(LegacyUnit.parse(unit).orElseThrow().standardUnit()).isEqualTo("PCE");
    }

    @Test
    void keepsEveryDigitOfLargeAndSmallValues() {
        assertThat(LegacyUnit.JIN.toStandard(new BigDecimal("123456789.123456789")).toPlainString()).isEqualTo("61728394.5617283945");
        assertThat(LegacyUnit.MILLIGRAM.toStandard(new BigDecimal("1")).toPlainString()).isEqualTo("0.000001");
    }

    @Test
    void recognisesEachAliasAsItsOwnUnitOnly() {
        java.util.Map<String, LegacyUnit> seen = new java.util.HashMap<>();
        for (LegacyUnit unit : LegacyUnit.values()) {
            for (String alias : unit.aliases()) {
                assertThat(seen.put(alias.toLowerCase(java.util.Locale.ROOT), unit)).as(alias).isNull();
                assertThat(LegacyUnit.parse(alias)).as(alias).contains(unit);
            }
        }
    }
}
