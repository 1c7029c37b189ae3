package org.tracehub.schemas.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.CertificateType;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TestResult;

class CodeListsTest {

    @Test
    void namesEveryValueOfEveryCodeListInChinese() {
        for (Class<? extends Enum<?>> list : CodeLists.LISTS) {
            for (Enum<?> value : list.getEnumConstants()) {
                assertThat(CodeLists.hasChineseName(value)).as("%s.%s", list.getSimpleName(), value.name()).isTrue();
                assertThat(CodeLists.chineseName(value)).matches(".*\\p{IsHan}.*");
            }
        }
    }

    @Test
    void namesNothingTheXsdDoesNotHave() throws IOException {
        List<String> rows = csvRows();
        int values = CodeLists.LISTS.stream().mapToInt(l -> l.getEnumConstants().length).sum();

        assertThat(rows).hasSize(values);
    }

    @ParameterizedTest
    @CsvSource({"MEAT, 肉类", "GAS_CYLINDER, 气瓶"})
    void namesCategories(Category category, String name) {
        assertThat(CodeLists.chineseName(category)).isEqualTo(name);
    }

    @Test
    void namesStepsNodeTypesCertificatesAndResults() {
        assertThat(CodeLists.chineseName(Step.SLAUGHTER)).isEqualTo("屠宰");
        assertThat(CodeLists.chineseName(NodeType.SLAUGHTERHOUSE)).isEqualTo("屠宰企业");
        assertThat(CodeLists.chineseName(CertificateType.MEAT_QUALITY)).isEqualTo("肉品品质检验合格证");
        assertThat(CodeLists.chineseName(TestResult.FAIL)).isEqualTo("不合格");
    }

    @ParameterizedTest
    @CsvSource({"1, SLAUGHTERHOUSE", "2, WHOLESALE", "3, RETAIL_MARKET", "4, SUPERMARKET", "5, GROUP_PURCHASER", "6, OTHER", " 4 , SUPERMARKET"})
    void readsTheCityPlatformsNumericNodeTypes(String code, NodeType expected) {
        assertThat(CodeLists.nodeTypeOfCityPlatformCode(code)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "FARM", ""})
    void findsNoNodeTypeForOtherCityPlatformCodes(String code) {
        assertThat(CodeLists.nodeTypeOfCityPlatformCode(code)).isEmpty();
        assertThat(CodeLists.nodeTypeOfCityPlatformCode(null)).isEmpty();
    }

    @Test
    void failsLoudlyForAnUnnamedValue() {
        assertThatThrownBy(() -> CodeLists.chineseName(java.time.DayOfWeek.MONDAY)).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> csvRows() throws IOException {
        try (InputStream in = CodeLists.class.getResourceAsStream("/codes/code-lists.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank()).toList();
        }
    }
}
