package org.tracehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.schemas.validation.ValidationResult.Status;

class RegionCodeValidatorTest {

    private final RegionCodeValidator validator = RegionCodeValidator.instance();

    @ParameterizedTest
    @ValueSource(strings = {"310115", "310101", "310000", "310151", "320581", "110000"})
    void acceptsCurrentCodesOfTheTable(String code) {
        assertThat(validator.validate(code).status()).isEqualTo(Status.VALID);
    }

    @ParameterizedTest
    @CsvSource({"310103,卢湾区", "310108,闸北区", "310230,崇明县", "310119,南汇区", "310102,南市区", "310111,吴淞区", "310221,上海县",
            "310222,嘉定县", "310223,宝山县", "310224,川沙县", "310225,南汇县", "310226,奉贤县", "310227,松江县", "310228,金山县", "310229,青浦县"})
    void warnsAboutRetiredShanghaiCodesAndNamesThem(String code, String name) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.WARNING);
        assertThat(result.code()).isEqualTo(ErrorCodes.REGION_UNKNOWN);
        assertThat(result.message()).contains(name).contains("已撤销");
    }

    @Test
    void namesTheCurrentCodeARetiredOneWasMergedInto() {
        assertThat(validator.validate("310230").message()).isEqualTo("行政区划代码310230（崇明县）已撤销，请更新为现行代码310151（崇明区）");
        assertThat(validator.validate("310119").message()).endsWith("请更新为现行代码310115（浦东新区）");
    }

    /** 闸北区 was merged into 静安区 in 2015: on a 2014 event its code was the current one. */
    @Test
    void acceptsARetiredCodeWithoutAWarningOnAnEventBeforeTheYearItWasRetiredIn() {
        assertThat(validator.validate("310108", at(2014, 12, 31)).status()).isEqualTo(Status.VALID);
        assertThat(validator.validate("310230", at(2015, 6, 1)).status()).as("崇明县, retired 2016").isEqualTo(Status.VALID);
        assertThat(validator.validate("310222", at(1991, 3, 1)).status()).as("嘉定县, retired 1992").isEqualTo(Status.VALID);
    }

    @Test
    void warnsAboutARetiredCodeOnAnEventAfterTheYearItWasRetiredInNamingTheCurrentCode() {
        ValidationResult result = validator.validate("310108", at(2016, 3, 1));

        assertThat(result.status()).isEqualTo(Status.WARNING);
        assertThat(result.code()).isEqualTo(ErrorCodes.REGION_UNKNOWN);
        assertThat(result.message()).isEqualTo("行政区划代码310108（闸北区）已于2015年撤销，请更新为现行代码310106（静安区）");
    }

    /** The table holds the year only, and the merger took effect during it: the clerk is warned and told why it may be fine. */
    @Test
    void warnsAboutARetiredCodeOnAnEventInTheYearItWasRetiredInAndSaysItMayPrecedeTheMerger() {
        ValidationResult result = validator.validate("310108", at(2015, 1, 1));

        assertThat(result.status()).isEqualTo(Status.WARNING);
        assertThat(result.message()).isEqualTo("行政区划代码310108（闸北区）已于2015年撤销，请更新为现行代码310106（静安区）"
                + "（本行发生于2015年，如在撤销之前，可不必更改）");
    }

    /** 2015-01-01 00:30 in Shanghai is still 2014 in UTC: the year is Beijing time's, the approval's calendar. */
    @Test
    void countsTheEventsYearInBeijingTime() {
        OffsetDateTime newYearInShanghai = OffsetDateTime.of(2014, 12, 31, 16, 30, 0, 0, ZoneOffset.UTC);

        assertThat(validator.validate("310108", newYearInShanghai).status()).isEqualTo(Status.WARNING);
        assertThat(validator.validate("310108", newYearInShanghai.minusHours(1)).status()).isEqualTo(Status.VALID);
    }

    @Test
    void acceptsAnExtraCodeOnceAddedAndRejectsItWithout() {
        RegionCodeValidator extended = RegionCodeValidator.withExtraCodes(Map.of("310199", "新设区"));

        assertThat(validator.validate("310199").code()).isEqualTo(ErrorCodes.REGION_UNKNOWN);
        assertThat(extended.validate("310199").status()).isEqualTo(Status.VALID);
        assertThat(extended.nameOf("310199")).contains("新设区");
        assertThat(extended.extraCodes()).containsExactly(Map.entry("310199", "新设区"));
        assertThat(extended.validate("310115").status()).as("the shipped table stays").isEqualTo(Status.VALID);
        assertThat(extended.validate("310108", at(2016, 1, 1)).message()).contains("310106（静安区）");
    }

    @Test
    void refusesExtraCodesThatAreMalformedOrAlreadyInATableNamingEach() {
        assertThatThrownBy(() -> RegionCodeValidator.withExtraCodes(Map.of("31019", "新设区", "990101", "某县", "310101", "黄浦区",
                "310108", "闸北区", "310198", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("310108是已撤销的代码（闸北区，2015年撤销），"
                        + "不能作为现行代码添加；“31019”不是6位数字的行政区划代码；310198缺少名称；"
                        + "990101不是现行省级行政区划下的地级或县级代码（前两位99）");
    }

    @Test
    void anExtraCodeTheReleaseShipsAlreadyIsLeftOutAndNamedNotRefused() {
        RegionCodeValidator extended = RegionCodeValidator.withExtraCodes(Map.of("310101", "黄浦", "310199", "新设区"));

        assertThat(extended.shippedSince()).containsExactly(Map.entry("310101", "黄浦区"));
        assertThat(extended.extraCodes()).containsExactly(Map.entry("310199", "新设区"));
        assertThat(extended.nameOf("310101")).as("the shipped name stays").contains("黄浦区");
    }

    private static OffsetDateTime at(int year, int month, int day) {
        return OffsetDateTime.of(year, month, day, 0, 0, 0, 0, ZoneOffset.ofHours(8));
    }

    /**
     * Codes retired elsewhere in China, which the shipped tables do not list: 莱芜市莱城区 (merged into 济南 in 2019), 蓟县
     * (天津, 2016), 密云县 (北京, 2015), 临安市 (杭州, 2017). Their province or prefecture is current, so a legacy file may
     * well carry them: the row is kept and the clerk asked to check.
     */
    @ParameterizedTest
    @CsvSource({"371202, 山东省", "120225, 天津市", "110228, 北京市", "330185, 浙江省杭州市"})
    void warnsAboutACodeNotInTheCurrentTableWhoseProvinceIsCurrentForItMayBeARetiredOne(String code, String where) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.WARNING);
        assertThat(result.code()).isEqualTo(ErrorCodes.REGION_NOT_CURRENT);
        assertThat(result.message()).isEqualTo("行政区划代码" + code + "不在现行GB/T 2260代码表中，可能为已撤销的旧代码（" + where + "），请核对");
        assertThat(result.value()).isEqualTo(code);
    }

    /** No province 99 or 00; and Shanghai's retired codes are all listed, so an unlisted Shanghai code is a mistake. */
    @ParameterizedTest
    @ValueSource(strings = {"999999", "000000", "990101", "310199", "310231"})
    void rejectsACodeWhoseProvinceIsNotCurrentOrThatShanghaiNeverHad(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.REGION_UNKNOWN);
        assertThat(result.message()).isEqualTo("行政区划代码" + code + "不在GB/T 2260代码表中");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31011", "3101150", "31011A", "３１０１１５", " 310115"})
    void rejectsAnythingButSixDigitsAsFormatError(String code) {
        ValidationResult result = validator.validate(code);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.code()).isEqualTo(ErrorCodes.REGION_FORMAT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingValueAsFormatError(String code) {
        assertThat(validator.validate(code).code()).isEqualTo(ErrorCodes.REGION_FORMAT);
    }

    @Test
    void namesCurrentAndRetiredDivisions() {
        assertThat(validator.nameOf("310115")).contains("浦东新区");
        assertThat(validator.nameOf("310000")).contains("上海市");
        assertThat(validator.nameOf("310103")).contains("卢湾区");
        assertThat(validator.nameOf("999999")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "110101, 东城区", "440305, 南山区", "650102, 天山区", "419001, 济源市", "429004, 仙桃市",
            "460400, 儋州市", "310151, 崇明区", "810000, 香港特别行政区", "820000, 澳门特别行政区", "710000, 台湾省"
    })
    void knowsDivisionsAllOverTheCountryByName(String code, String name) {
        assertThat(validator.validate(code).status()).isEqualTo(Status.VALID);
        assertThat(validator.nameOf(code)).contains(name);
    }

    @Test
    void holdsTheFullTableNotJustShanghai() {
        assertThat(validator.size()).isEqualTo(3351);
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "31", "65", "81"})
    void knowsCurrentProvincePrefixes(String prefix) {
        assertThat(validator.isCurrentProvince(prefix)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "99", "00", "3", "311", "ab"})
    @NullAndEmptySource
    void knowsWhatIsNoProvincePrefix(String prefix) {
        assertThat(validator.isCurrentProvince(prefix)).isFalse();
    }
}
