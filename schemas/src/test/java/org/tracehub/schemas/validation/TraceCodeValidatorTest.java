package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.validation.ValidationResult.Status;

class TraceCodeValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"XJM2611270001", "TZ2611260088", "任意批次#1", "LJ0103-SH261127008-1", "a", "0123456789012345678901234567890123456789012345678901234567890123"})
    void keepsCodesOpaqueWithoutASourcePattern(String code) {
        assertThat(TraceCodeValidator.opaque().validate(code).status()).isEqualTo(Status.VALID);
        assertThat(TraceCodeValidator.opaque().pattern()).isNull();
    }

    @Test
    void refusesCodesLongerThanTheXsdAllows() {
        ValidationResult result = TraceCodeValidator.opaque().validate("X".repeat(65));

        assertThat(result.code()).isEqualTo(ErrorCodes.TRACE_CODE_FORMAT);
        assertThat(result.message()).contains("64").contains("65");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XJ\n001", "XJ\t001", "XJ\u0000"})
    void refusesControlCharacters(String code) {
        assertThat(TraceCodeValidator.opaque().validate(code).code()).isEqualTo(ErrorCodes.TRACE_CODE_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "-", "--", ".", "..", "…", "#", "*/*", "——"})
    void refusesACodeWithoutAnyLetterOrDigitAsTheLegacyNoCodePlaceholderItIs(String code) {
        ValidationResult result = TraceCodeValidator.opaque().validate(code);

        assertThat(result.code()).isEqualTo(ErrorCodes.TRACE_CODE_FORMAT);
        assertThat(result.message()).contains("“" + code + "”", "不含任何字母或数字");
    }

    @ParameterizedTest
    @ValueSource(strings = {"沪", "9", "-.-x", "JC-2019-000457", "..1"})
    void acceptsACodeWithOneLetterOrDigitOfAnyScript(String code) {
        assertThat(TraceCodeValidator.opaque().validate(code).status()).isEqualTo(Status.VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JC;2019;000457", "沪JC 2019 000460", "SH/2019/0456", "TZ2611260088、TZ2611260091"})
    void takesACodeHoldingASeparatorAsItIsSinceSomeLegacyCodesHoldOne(String code) {
        // whether an input holding one is several lots is the rules' warning (EventRules), not this check's refusal
        assertThat(TraceCodeValidator.opaque().validate(code).status()).isEqualTo(Status.VALID);
    }

    @Test
    void acceptsALegacyCodeWithSlashesWhichNoCellSeparatesLotsWith() {
        assertThat(TraceCodeValidator.opaque().validate("SH/2019/0456").isValid()).isTrue();
        assertThat(TraceCodeValidator.matching("沪GP/\\d{6}").validate("沪GP/000123").isValid()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void reportsAMissingCodeAsRequired(String code) {
        assertThat(TraceCodeValidator.opaque().validate(code).code()).isEqualTo(ErrorCodes.FIELD_REQUIRED);
    }

    @Test
    void requiresTheWholeCodeToMatchASourcesPattern() {
        TraceCodeValidator xj = TraceCodeValidator.matching("XJM\\d{10}");

        assertThat(xj.validate("XJM2611270001").isValid()).isTrue();
        assertThat(xj.validate("XJM26112700011").code()).isEqualTo(ErrorCodes.TRACE_CODE_PATTERN);
        assertThat(xj.validate("xXJM2611270001").code()).isEqualTo(ErrorCodes.TRACE_CODE_PATTERN);
        assertThat(xj.validate("XJM2611270001").value()).isEqualTo("XJM2611270001");
        assertThat(xj.pattern()).isEqualTo("XJM\\d{10}");
    }

    @Test
    void tellsTheClerkWhichPatternTheSourceAgreedOnWithItsExample() {
        ValidationResult result = TraceCodeValidator.matching("XJM\\d{10}", "XJM2611270001").validate("XJM-2611");

        assertThat(result.isError()).isTrue();
        assertThat(result.code()).isEqualTo(ErrorCodes.TRACE_CODE_PATTERN);
        assertThat(result.value()).isEqualTo("XJM-2611");
        assertThat(result.message()).contains("追溯码“XJM-2611”不符合本数据源约定的格式", "正则表达式“XJM\\d{10}”",
                "例如“XJM2611270001”", "请核对追溯码");
        assertThat(TraceCodeValidator.matching("XJM\\d{10}").validate("XJM-2611").message()).doesNotContain("例如");
    }

    @Test
    void appliesTheOpaqueLimitsEvenWhenThePatternWouldAllowMore() {
        assertThat(TraceCodeValidator.matching(".*").validate("X".repeat(65)).code()).isEqualTo(ErrorCodes.TRACE_CODE_FORMAT);
    }

    @Test
    void refusesABrokenPatternWhenConfigured() {
        assertThatThrownBy(() -> TraceCodeValidator.matching("XJ[")).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void stopsAMatchThatBacktracksBeyondItsBudgetAndRefusesTheCodeInsteadOfHanging() {
        // (a+){1,30}b on 63 a's tries every way of cutting the run into up to 30 pieces; the budget ends it in milliseconds
        ValidationResult result = TraceCodeValidator.matching("(a+){1,30}b").validate("a".repeat(63) + "c");

        assertThat(result.code()).isEqualTo(ErrorCodes.TRACE_CODE_PATTERN);
        assertThat(result.message()).contains("过于复杂", "traceCodePattern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XJM\\d{10}", "沪GP/\\d{6}", "(SH|BJ)-\\d{4}-\\d{6}", "[A-Z]{2,4}\\d{6,10}", "TZ\\d{10}(-\\d{1,3})?",
            "(-\\d{3})+", "(\\d++)+", "(?>\\d+)+", "(\\d+){2}", "(?i)xjm\\d{10}", "[\\p{IsHan}A-Z]{1,3}\\d+", ".*", ".*.*X",
            "\\Q(a+)+\\E\\d+", "[(+*)]+\\d+", "(?<lot>[A-Z]{2})\\d+\\k<lot>"})
    void takesAPatternThatMatchesEachCodeInOneWay(String regex) {
        assertThat(TraceCodeValidator.patternProblem(regex, null)).isNull();
    }

    @Test
    void refusesAPatternThatDoesNotCompileSayingWhy() {
        assertThat(TraceCodeValidator.patternProblem("XJ[0-9", null)).startsWith("not a valid regular expression: Unclosed character class");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(\\d+)+", "XJM(\\d+)*", "([A-Z]+\\d*)*", "((ab)+c)+", "(a*b*){2,}", "(?:[0-9]+-?)+$", "(\\d{1,3})+",
            "(a+)+?b", "(a+){1,30}b"})
    void refusesARepeatedGroupHoldingARepetitionAsCatastrophicBacktracking(String regex) {
        assertThat(TraceCodeValidator.patternProblem(regex, null)).contains("catastrophic backtracking", "holds a repetition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*a*a*a*a*a*b", "(a+){10}b", "XJM(\\d*){8}X", ".*.*.*.*.*X", "(.*a){12}"})
    void refusesAPatternWhoseMatchOfALongCodeTakesMoreThanTheBudget(String regex) {
        assertThat(TraceCodeValidator.patternProblem(regex, null)).contains("catastrophic backtracking", "takes more than");
    }

    @Test
    void probesStartingWithTheExampleFindABlowUpBehindALiteralTheScannerCannotSee() {
        // the probe codes must get past 沪 and [A-Z]{2} before the stacked repetitions are reached
        String regex = "沪[A-Z]{2}0*0*0*0*0*0*0*X";

        assertThat(TraceCodeValidator.patternProblem(regex, "沪JC000X")).contains("takes more than");
    }
}
