package org.tracehub.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Personal numbers in shown free text: masked whole; codes, dates and quantities beside them kept. */
class PersonalDataMaskTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "张三 310115199001011234 | 张三 ***",
            "张三310115199001011234 | 张三***",
            "李四 11010519491231002X 供货 | 李四 *** 供货",
            "王五 110105194912310021 | 王五 ***", // its check digit mistyped: still the person's
            "电话58123456 | 电话***",
            "赵记蔬菜 座机：2345 6789 | 赵记蔬菜 座机：2345 6789",
            "赵记蔬菜 座机：23456789 | 赵记蔬菜 座机：***",
            "TEL 68123456 | TEL ***",
            "钱记 58123456 浦东店 | 钱记 *** 浦东店"})
    void masksIdentityNumbersAndLocalLandlines(String text, String shown) {
        assertThat(PersonalDataMask.mask(text)).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "批次 3100123456 / 310012611270001", // trace codes
            "91310000631696382C 上海某公司", // a credit code
            "913101127033980359", // a credit code of digits only: 91 is no province
            "生产日期 20261127",
            "2026-11-27 08:00",
            "净含量 35000000 克",
            "数量 5000.0000",
            "31001261127000112345", // a 20-digit trace code holding an identity-shaped run
            "GP310115199001011234", // a cylinder number
            "310115209901011234"}) // born in the future: no person's number
    void leavesCodesDatesAndQuantitiesAlone(String text) {
        assertThat(PersonalDataMask.mask(text)).isEqualTo(text);
    }
}
