package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.validation.ValidationResult.Status;

class UsccValidatorTest {

    /** The valid codes listed in STANDARDS.md (GB 32100-2015). */
    static final List<String> VALID = List.of(
            "91310000631696382C", "91310112087994932F", "91310115MA1K3BTP2B",
            "913101127033980359", "91310116052958608G", "91310110666007217T",
            "91310115591693856A", "91110000600037341L", "121200004013590816",
            "91620105L015101280");

    /** Symbols a clerk's file may carry that are not in the GB 32100 alphabet. */
    private static final String FOREIGN_SYMBOLS = "IOSVZaz-* 　Ａ";

    private final UsccValidator validator = new UsccValidator();

    static Stream<String> validCodes() {
        return VALID.stream();
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void acceptsEveryValidCodeOfTheStandardsReference(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.VALID);
        assertThat(result.code()).isNull();
        assertThat(result.toFinding("operator.uscc")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91110000600037341N", "91350100M0001TGQXM"})
    void reportsWrongCheckDigitAsWarningNotRejection(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.WARNING);
        assertThat(result.code()).isEqualTo(ErrorCodes.USCC_CHECK_DIGIT);
        assertThat(result.isError()).isFalse();
        assertThat(result.value()).isEqualTo(code);
    }

    @Test
    void namesTheExpectedCheckDigitInTheMessage() {
        assertThat(validator.validate("91110000600037341N").message()).contains("“L”");
    }

    /**
     * GB 11643-1999's own example number (also with its check symbol typed in lower case), one of a Shanghai resident
     * born in 1980, and residence-permit numbers of Hong Kong (810000) and Taiwan (830000) residents, which GB 11643
     * numbers alike.
     */
    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "310116198005120032", "810000199001010027",
            "830000199001010020"})
    void refusesACitizenIdentityNumberTypedForACreditCodeInsteadOfWarningAboutItsCheckDigit(String idNumber) {
        ValidationResult result = validator.validate(idNumber);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.USCC_IS_PERSONAL_ID);
        assertThat(result.message()).contains("公民身份号码").contains("92开头");
        assertThat(UsccValidator.isPersonalId(idNumber)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void noValidCodeIsTakenForAPersonsNumber(String code) {
        assertThat(UsccValidator.isPersonalId(code)).isFalse();
    }

    /** GB 11643's example and a Shanghai resident's number, each with its last digit mistyped. */
    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "310115199001011235", "310116198005120033"})
    void refusesACitizenIdentityNumberWithAMistypedCheckDigitAsAPersonsNumber(String idNumber) {
        ValidationResult result = validator.validate(idNumber);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.USCC_IS_PERSONAL_ID);
        assertThat(result.message()).contains("公民身份号码").contains("校验位有误");
        assertThat(UsccValidator.isPersonalId(idNumber)).isTrue();
    }

    @Test
    void takesNoNumberBornInTheFutureOrBefore1900ForAPersonsNumber() {
        assertThat(ResidentIdNumbers.isShaped("310115209901011235", LocalDate.of(2026, 12, 2))).isFalse();
        assertThat(ResidentIdNumbers.isShaped("310115202612031235", LocalDate.of(2026, 12, 2))).isFalse();
        assertThat(ResidentIdNumbers.isShaped("310115202612021235", LocalDate.of(2026, 12, 2))).isTrue();
        assertThat(ResidentIdNumbers.isShaped("310115189912311235", LocalDate.of(2026, 12, 2))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "11010519491231002Y", // a credit-code symbol where the identity number's check is
            "310116198013120032", // no 13th month
            "310116209905120032", // born in the future
            "990116198005120032", // no province 99
            "920116198005120032", // 92 a sole trader's credit code, no province
            "201101198005120032"}) // no province 20
    void keepsTheCheckDigitWarningForEighteenSymbolsThatAreNoIdentityNumber(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.code()).isNotEqualTo(ErrorCodes.USCC_IS_PERSONAL_ID);
        assertThat(result.status()).isEqualTo(Status.WARNING);
    }

    @Test
    void rejectsSymbolsOutsideTheAlphabetAsError() {
        ValidationResult result = validator.validate("9111000060003IOZSV");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.USCC_CHARACTER);
        assertThat(result.message()).contains("第14位").contains("“I”");
    }

    @Test
    void rejectsLowerCaseLetters() {
        ValidationResult result = validator.validate("91310115ma1k3btp2b");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.USCC_CHARACTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9131011559169385", "91310115591693856A1", "1", "            "})
    void rejectsWrongLengthAsError(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(code.length() == 18 ? ErrorCodes.USCC_CHARACTER : ErrorCodes.USCC_LENGTH);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingValueAsLengthError(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.USCC_LENGTH);
        assertThat(result.message()).contains("实际为0位");
    }

    @Test
    void reportsBrokenOrganisationCodeWithCorrectOuterCheckDigitAsWarning() {
        // 91310115591693856A with its GB 11714 check symbol (position 17) changed from 6 to 7,
        // and the GB 32100 check digit recomputed so that only the inner check fails.
        String body = "91310115591693857";
        String code = body + checkDigit(body);

        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.WARNING);
        assertThat(result.code()).isEqualTo(ErrorCodes.USCC_ORG_CODE_CHECK);
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void neverAcceptsAnySingleCharacterMutationOfAValidCode(String code) {
        List<String> mutants = mutations(code);
        assertThat(mutants).hasSizeGreaterThan(18 * 30);

        for (String mutant : mutants) {
            assertThat(validator.validate(mutant).status())
                    .as("mutant %s of %s", mutant, code)
                    .isIn(Status.WARNING, Status.ERROR);
        }
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void rejectsEveryDeletionOrInsertionAsLengthError(String code) {
        for (int i = 0; i < code.length(); i++) {
            String deleted = code.substring(0, i) + code.substring(i + 1);
            String inserted = code.substring(0, i) + '0' + code.substring(i);
            assertThat(validator.validate(deleted).code()).as(deleted).isEqualTo(ErrorCodes.USCC_LENGTH);
            assertThat(validator.validate(inserted).code()).as(inserted).isEqualTo(ErrorCodes.USCC_LENGTH);
        }
    }

    /** Every single-position substitution: each other alphabet symbol, then symbols outside it. */
    private static List<String> mutations(String code) {
        List<String> result = new ArrayList<>();
        String candidates = UsccValidator.ALPHABET + FOREIGN_SYMBOLS;
        for (int i = 0; i < code.length(); i++) {
            for (char c : candidates.toCharArray()) {
                if (c != code.charAt(i)) {
                    result.add(code.substring(0, i) + c + code.substring(i + 1));
                }
            }
        }
        return result;
    }

    /** GB 32100 check symbol, computed independently of the validator under test. */
    private static char checkDigit(String first17) {
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += UsccValidator.ALPHABET.indexOf(first17.charAt(i)) * weights[i];
        }
        return UsccValidator.ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
