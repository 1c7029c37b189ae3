package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.validation.ValidationResult.Status;

class GtinValidatorTest {

    private final GtinValidator validator = new GtinValidator();

    @ParameterizedTest
    @ValueSource(strings = {
            "4006381333931", "7501031311309", "9501101531000", "6901234567892", // GTIN-13, STANDARDS.md
            "96385074",        // GTIN-8
            "036000291452",    // GTIN-12 (UPC-A)
            "10012345678902"   // GTIN-14
    })
    void acceptsValidGtinsOfEveryLength(String gtin) {
        assertThat(validator.validate(gtin).status()).isEqualTo(Status.VALID);
    }

    @Test
    void rejectsWrongCheckDigitAndNamesTheExpectedOne() {
        ValidationResult result = validator.validate("7501031311308");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.GTIN_CHECK_DIGIT);
        assertThat(result.message()).endsWith("9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "123456789", "12345678901", "123456789012345", "690123456789X", " 6901234567892", "６９０１２３４５６７８９２"})
    void rejectsWrongLengthOrNonDigitsAsFormatError(String gtin) {
        ValidationResult result = validator.validate(gtin);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.GTIN_FORMAT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingValueAsFormatError(String gtin) {
        assertThat(validator.validate(gtin).code()).isEqualTo(ErrorCodes.GTIN_FORMAT);
    }

    @Test
    void detectsEverySingleDigitChange() {
        String gtin = "6901234567892";
        for (int i = 0; i < gtin.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != gtin.charAt(i)) {
                    String mutant = gtin.substring(0, i) + d + gtin.substring(i + 1);
                    assertThat(validator.validate(mutant).isError()).as(mutant).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000000000008", "2912345000011", "2501234567898"})
    void recognisesInStoreNumbersOfWeighedGoods(String gtin) {
        assertThat(GtinValidator.isInStoreNumber(gtin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"6901234567892", "4006381333931", "20000008", "02000000000000"})
    void doesNotTakeOtherNumbersForInStoreNumbers(String gtin) {
        assertThat(GtinValidator.isInStoreNumber(gtin)).isFalse();
    }

    @Test
    void doesNotTakeNullForAnInStoreNumber() {
        assertThat(GtinValidator.isInStoreNumber(null)).isFalse();
    }

    @Test
    void acceptsAnInStoreNumberWithCorrectCheckDigit() {
        assertThat(validator.validate("2000000000008").isValid()).isTrue();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "2000000000008,  IN_STORE",                 // weighed meat, supermarket label
            "2991234500009,  IN_STORE",
            "20123451,       IN_STORE",                 // RCN-8
            "01234565,       IN_STORE",
            "0212345678909,  RESTRICTED_CIRCULATION",
            "0491234567894,  RESTRICTED_CIRCULATION",
            "212345678909,   RESTRICTED_CIRCULATION",   // GTIN-12 starting 2: the GTIN-13 0212…
            "6901234567892,  GS1_CHINA",                // STANDARDS.md
            "9501101531000,  OTHER",
            "6801234567895,  GS1_CHINA",
            "6811234567894,  GS1_CHINA",
            "6821234567893,  OTHER",
            "16901234567899, GS1_CHINA",                // GTIN-14: indicator 1 + a Chinese GTIN-13
            "4006381333931,  OTHER",
            "036000291452,   OTHER",
            "69012341,       GS1_CHINA"
    })
    void classifiesNumbersByTheirGs1Prefix(String gtin, GtinKind expected) {
        assertThat(GtinValidator.classify(gtin)).isEqualTo(expected);
    }

    @Test
    void classifiesOnlyNumbersOfAGtinLength() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GtinValidator.classify("12345"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GtinValidator.classify(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
