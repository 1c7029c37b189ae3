package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.tracehub.schemas.validation.ValidationResult.Status;

class CustomsDeclarationValidatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    /** The example of STANDARDS.md: district 0202, 2008, export, sequence 525641690. */
    private static final String EXAMPLE = "020220080525641690";

    private final CustomsDeclarationValidator validator = new CustomsDeclarationValidator(CLOCK);

    @Test
    void acceptsTheExampleOfTheStandardsReferenceAsAnExport() {
        assertThat(validator.validate(EXAMPLE).status()).isEqualTo(Status.VALID);
        assertThat(CustomsDeclarationValidator.isExport(EXAMPLE)).isTrue();
        assertThat(CustomsDeclarationValidator.isImport(EXAMPLE)).isFalse();
    }

    @Test
    void acceptsAnImportOfThisYear() {
        assertThat(validator.validate("220120261000000001").status()).isEqualTo(Status.VALID);
        assertThat(CustomsDeclarationValidator.isImport("220120261000000001")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "02022008052564169,   CUSTOMS_DECLARATION_FORMAT",  // 17 digits
            "0202200805256416901, CUSTOMS_DECLARATION_FORMAT",  // 19 digits
            "02022008052564169X,  CUSTOMS_DECLARATION_FORMAT",
            "020220082525641690,  CUSTOMS_DECLARATION_FORMAT",  // flag 2
            "020220089525641690,  CUSTOMS_DECLARATION_FORMAT",  // flag 9
            "020219790525641690,  CUSTOMS_DECLARATION_DATE",    // 1979
            "020220270525641690,  CUSTOMS_DECLARATION_DATE"     // next year
    })
    void rejectsNumbersThatBreakTheStructure(String number, String expected) {
        ValidationResult result = validator.validate(number);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(expected);
        assertThat(result.value()).isEqualTo(number);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsAMissingNumberAsFormatError(String number) {
        assertThat(validator.validate(number).code()).isEqualTo(ErrorCodes.CUSTOMS_DECLARATION_FORMAT);
    }

    @Test
    void namesTheFlagInTheMessage() {
        assertThat(validator.validate("020220082525641690").message()).contains("1（进口）或0（出口）").contains("“2”");
    }
}
