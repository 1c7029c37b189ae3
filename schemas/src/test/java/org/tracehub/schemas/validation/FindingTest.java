package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void carriesAWarningIntoAFindingOnTheGivenField() {
        Finding finding = ValidationResult.warning(ErrorCodes.USCC_CHECK_DIGIT, "校验位不符", "91110000600037341N")
                .toFinding("counterparty.uscc");

        assertThat(finding).isEqualTo(new Finding("counterparty.uscc", Severity.WARNING,
                ErrorCodes.USCC_CHECK_DIGIT, "校验位不符", "91110000600037341N"));
        assertThat(finding.isError()).isFalse();
    }

    @Test
    void reattributesAFindingToAnotherFieldKeepingEverythingElse() {
        Finding finding = Finding.error("operator.uscc", ErrorCodes.USCC_LENGTH, "长度不符", "123");

        Finding moved = finding.forField("counterparty.uscc");

        assertThat(moved.field()).isEqualTo("counterparty.uscc");
        assertThat(moved).usingRecursiveComparison().ignoringFields("field").isEqualTo(finding);
        assertThat(moved.isError()).isTrue();
    }

    @Test
    void turnsAValidResultIntoNoFinding() {
        assertThat(ValidationResult.valid("310115").toFinding("origin")).isNull();
    }
}
