package org.tracehub.mappings.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.expression.EvaluationException;

class SandboxedExpressionTest {

    private static final Map<String, String> ROW = Map.of("品名", "白条猪", "规格", " 10kg ", "批次", "PC-2611-001");

    static Stream<Arguments> outsideTheSandbox() {
        return Stream.of(
                Arguments.of("T(java.lang.Runtime).getRuntime().exec('id')", "type references"),
                Arguments.of("@systemProperties['user.home']", "bean references"),
                Arguments.of("&factoryBean", "bean references"),
                Arguments.of("new java.io.File('/etc/passwd')", "constructors"),
                Arguments.of("''.getClass()", "method calls"),
                Arguments.of("['品名'].getClass().forName('java.lang.Runtime')", "method calls"),
                Arguments.of("['品名'].toUpperCase()", "method calls"),
                Arguments.of("['品名'].bytes", "bare name"),
                Arguments.of("['品名'] = 'x'", "assignments"),
                Arguments.of("#value instanceof T(String)", "type references"),
                Arguments.of("#exec('id')", "unknown function #exec"),
                Arguments.of("#systemProperties", "unknown variable #systemProperties"),
                Arguments.of("品名 == '白条猪'", "bare name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideTheSandbox")
    void refusesWhatReachesOutsideTheSandboxWhenParsed(String expression, String reason) {
        assertThatThrownBy(() -> SandboxedExpression.parse(expression))
                .isInstanceOf(ExpressionRefusedException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesAnExpressionThatDoesNotParseWithThePosition() {
        assertThatThrownBy(() -> SandboxedExpression.parse("['品名'] == "))
                .isInstanceOf(ExpressionRefusedException.class)
                .hasMessageStartingWith("cannot parse expression:")
                .hasMessageContaining("at character");
    }

    @Test
    void readsColumnsOfTheRowAndTheFieldsOwnCell() {
        assertThat(SandboxedExpression.parse("['品名'] + '-' + #value").evaluate(ROW, "2611")).isEqualTo("白条猪-2611");
        assertThat(SandboxedExpression.parse("[品名]").evaluate(ROW, null)).isEqualTo("白条猪");
        assertThat(SandboxedExpression.parse("['没有这列']").evaluate(ROW, null)).isNull();
    }

    @Test
    void callsTheFourFunctions() {
        assertThat(SandboxedExpression.parse("#trim(['规格'])").evaluate(ROW, null)).isEqualTo("10kg");
        assertThat(SandboxedExpression.parse("#concat(['品名'], #value)").evaluate(ROW, "A")).isEqualTo("白条猪A");
        assertThat(SandboxedExpression.parse("#substring(['批次'], 3, 7)").evaluate(ROW, null)).isEqualTo("2611");
        assertThat(SandboxedExpression.parse("#substring(['批次'], 3, 999)").evaluate(ROW, null)).isEqualTo("2611-001");
        assertThat(SandboxedExpression.parse("#replace(['批次'], '-', '')").evaluate(ROW, null)).isEqualTo("PC2611001");
        assertThat(SandboxedExpression.parse("#concat(#value, null)").evaluate(ROW, null)).isEqualTo("");
    }

    @Test
    void supportsConditionsAndRegularExpressions() {
        SandboxedExpression e = SandboxedExpression.parse("['品名'] matches '白条.*' ? '0101' : (#value ?: '9999')");

        assertThat(e.evaluate(ROW, null)).isEqualTo("0101");
        assertThat(e.evaluate(Map.of("品名", "牛肉"), null)).isEqualTo("9999");
        assertThat(e.evaluate(Map.of("品名", "牛肉"), "0201")).isEqualTo("0201");
    }

    @Test
    void namesTheColumnsItReads() {
        assertThat(SandboxedExpression.parse("['序号'] == '合计' or [备注] != null or #trim(['品名']) == ''").referencedColumns())
                .containsExactly("序号", "备注", "品名");
    }

    @Test
    void cannotChangeTheRow() {
        Map<String, String> row = new HashMap<>(ROW);
        SandboxedExpression e = SandboxedExpression.parse("['品名']");

        e.evaluate(row, null);

        assertThat(row).isEqualTo(ROW);
    }

    @Test
    void testsSkipConditions() {
        assertThat(SandboxedExpression.parse("['品名'] == '白条猪'").test(ROW)).isTrue();
        assertThat(SandboxedExpression.parse("['品名'] == '牛肉'").test(ROW)).isFalse();
        assertThat(SandboxedExpression.parse("['没有这列'] == '牛肉'").test(ROW)).isFalse();
        assertThatThrownBy(() -> SandboxedExpression.parse("['品名'] > 5").test(ROW)).isInstanceOf(EvaluationException.class);
    }
}
