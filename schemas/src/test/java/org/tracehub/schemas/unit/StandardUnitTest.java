package org.tracehub.schemas.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardUnitTest {

    @ParameterizedTest
    @CsvSource({"KGM, 1000000", "TNE, 1000", "LTR, 1000000", "PCE, 1000000", "MPA, 100", "XBO, 1000000", "XPK, 1000000"})
    void boundsEachUnitsQuantityPerEvent(String code, String max) {
        assertThat(StandardUnit.of(code).orElseThrow().maxPlausible()).isEqualByComparingTo(new BigDecimal(max));
    }

    /** One lot is no heavier in tonnes than in kilograms: 1,000 t = 1,000,000 kg, the largest lot either may carry. */
    @Test
    void boundsTheSameMassInKilogramsAndInTonnes() {
        assertThat(StandardUnit.TNE.maxPlausible().movePointRight(3)).isEqualByComparingTo(StandardUnit.KGM.maxPlausible());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kgm", "GRM", "MTQ", " KGM", "BO", "xbo"})
    @NullAndEmptySource
    void knowsOnlyItsOwnCodesAsWritten(String code) {
        assertThat(StandardUnit.of(code)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(LegacyUnit.class)
    void coversEveryUnitALegacyUnitConvertsTo(LegacyUnit legacy) {
        assertThat(StandardUnit.of(legacy.standardUnit())).isPresent();
    }

    @Test
    void namesUnitsInChinese() {
        assertThat(StandardUnit.KGM.chineseName()).isEqualTo("千克");
        assertThat(StandardUnit.TNE.chineseName()).isEqualTo("吨");
        assertThat(StandardUnit.PCE.chineseName()).isEqualTo("个");
        assertThat(StandardUnit.XPK.chineseName()).isEqualTo("件");
    }

    /** A package count is bounded like a piece count: both count things, whatever each holds. */
    @Test
    void boundsEveryPackageUnitLikePieces() {
        for (StandardUnit unit : StandardUnit.values()) {
            if (unit.name().startsWith("X")) {
                assertThat(unit.maxPlausible()).as(unit.name()).isEqualByComparingTo(StandardUnit.PCE.maxPlausible());
            }
        }
    }

    /** The XSD's UnitCode pattern, and the store's unit column of three characters. */
    @ParameterizedTest
    @EnumSource(StandardUnit.class)
    void fitsTheStandardsUnitCode(StandardUnit unit) {
        assertThat(unit.name()).matches("[A-Z0-9]{2,3}");
    }
}
