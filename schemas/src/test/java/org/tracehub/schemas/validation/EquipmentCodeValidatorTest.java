package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.validation.ValidationResult.Status;

class EquipmentCodeValidatorTest {

    /** 2026-11-28 in Shanghai. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    /** The Shanghai registration code of STANDARDS.md. */
    private static final String REGISTRATION = "21603101012006010101";

    private final EquipmentCodeValidator validator = new EquipmentCodeValidator(CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {
            REGISTRATION,
            "31103101152019120007",   // elevator, 浦东新区, 2019-12
            "31103101032008070001",   // elevator registered in 卢湾区 before it merged: the code keeps its district
            "31103102291998050012",   // elevator registered in 青浦县 in 1998, before the county became a district
            "41103100002026110001"})  // crane, registered this month by the city
    void acceptsShanghaiRegistrationCodes(String code) {
        assertThat(validator.validate(code).status()).isEqualTo(Status.VALID);
        assertThat(EquipmentCodeValidator.kindOf(code)).isEqualTo(EquipmentCodeKind.REGISTRATION_CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "311031001200600012",     // traction lift 3110, maker licensed in 31 (上海) no. 001, 2006
            "311010123202600001",     // nationally licensed maker (region 10), this year
            "23104400119950000A",     // letters in the sequence past 99999
            "2310440011995ZZZZZ",
            "311065999195000001"})    // 新疆 licence, 1950
    void acceptsEighteenCharacterEquipmentCodes(String code) {
        assertThat(validator.validate(code).status()).as(validator.validate(code).message()).isEqualTo(Status.VALID);
        assertThat(EquipmentCodeValidator.kindOf(code)).isEqualTo(EquipmentCodeKind.EQUIPMENT_CODE);
    }

    @Test
    void acceptsTwentyOneAlphanumericsAsALegacyCode() {
        assertThat(validator.validate("3110310012006A0001234").status()).isEqualTo(Status.VALID);
        assertThat(EquipmentCodeValidator.kindOf("3110310012006A0001234")).isEqualTo(EquipmentCodeKind.LEGACY_CODE);
    }

    @ParameterizedTest
    @CsvSource({
            // 20 digits
            "61603101012006010101, EQUIPMENT_CODE_FORMAT",  // class 6 is not a registrable class
            "01603101012006010101, EQUIPMENT_CODE_FORMAT",
            "2160310101200601010A, EQUIPMENT_CODE_FORMAT",
            "21609999992006010101, EQUIPMENT_CODE_REGION",  // no such district
            "21603101992006010101, EQUIPMENT_CODE_REGION",
            "21603205992006010101, EQUIPMENT_CODE_REGION",  // in no table, though its province is current
            "21603101012006130101, EQUIPMENT_CODE_DATE",    // month 13
            "21603101012006000101, EQUIPMENT_CODE_DATE",    // month 0
            "21603101011949120101, EQUIPMENT_CODE_DATE",    // before 1950
            "21603101012026120101, EQUIPMENT_CODE_DATE",    // next month
            // 18 characters
            "011031001200600012, EQUIPMENT_CODE_FORMAT",    // product code starting 0
            "3110A1001200600012, EQUIPMENT_CODE_FORMAT",    // letter in the maker code
            "311031001200600a12, EQUIPMENT_CODE_FORMAT",    // lower case in the sequence
            "311099001200600012, EQUIPMENT_CODE_REGION",    // 99 is no province
            "311000001200600012, EQUIPMENT_CODE_REGION",
            "311031001194900012, EQUIPMENT_CODE_DATE",
            "311031001202700012, EQUIPMENT_CODE_DATE",      // next year
            // 21 characters
            "3110310012006A000123-, EQUIPMENT_CODE_FORMAT",
            "3110310012006a0001234, EQUIPMENT_CODE_FORMAT"
    })
    void rejectsCodesThatBreakTheirOwnRule(String code, String expected) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(expected);
        assertThat(result.value()).isEqualTo(code);
        assertThat(result.message()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2160310101200601010", "21603101012006010101011", "31103100120060001", "3110310012006000123456", "x"})
    @NullAndEmptySource
    void rejectsOtherLengthsAndSaysWhichAreAllowed(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.code()).isEqualTo(ErrorCodes.EQUIPMENT_CODE_LENGTH);
        assertThat(result.message()).contains("18位").contains("20位").contains("21位");
        assertThat(EquipmentCodeValidator.kindOf(code)).isNull();
    }

    @Test
    void namesTheFaultyPartInChinese() {
        assertThat(validator.validate("21603101012006130101").message()).contains("注册年月200613");
        assertThat(validator.validate("311099001200600012").message()).contains("制造许可地区“99”");
    }

    @Test
    void neverAcceptsASingleDigitChangeOfTheRegistrationCodesClassRegionOrMonth() {
        // positions 1, 5-10 and 15-16 are checked; a change there either breaks the rule or moves to another valid code
        int rejected = 0;
        for (int i : new int[] {0, 14}) {
            for (char c = '0'; c <= '9'; c++) {
                if (c == REGISTRATION.charAt(i)) {
                    continue;
                }
                String mutant = REGISTRATION.substring(0, i) + c + REGISTRATION.substring(i + 1);
                if (validator.validate(mutant).isError()) {
                    rejected++;
                }
            }
        }
        // class 0 and 6-9 (5 of 9), month 2x-9x (8 of 9 changes of the tens digit except 1)
        assertThat(rejected).isEqualTo(5 + 8);
    }
}
