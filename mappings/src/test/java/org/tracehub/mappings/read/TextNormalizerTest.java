package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void turnsFullWidthLettersDigitsAndPunctuationIntoHalfWidth() {
        assertThat(TextNormalizer.normalize("ＡＢＣ１２３（）")).isEqualTo("ABC123()");
        assertThat(TextNormalizer.normalize("重量（斤）")).isEqualTo("重量(斤)");
        assertThat(TextNormalizer.normalize("１，２００．５")).isEqualTo("1,200.5");
        assertThat(TextNormalizer.normalize("ＴＺ001；ＴＺ002")).isEqualTo("TZ001;TZ002");
    }

    @Test
    void turnsTheIdeographicSpaceIntoASpace() {
        assertThat(TextNormalizer.normalize("白条猪\u3000一级")).isEqualTo("白条猪 一级");
    }

    @Test
    void trimsSurroundingWhitespaceIncludingIdeographicAndNoBreakSpaces() {
        assertThat(TextNormalizer.normalize("  XJ001\t")).isEqualTo("XJ001");
        assertThat(TextNormalizer.normalize("\u3000\u3000合计\u3000")).isEqualTo("合计");
        assertThat(TextNormalizer.normalize("\u00A0牛肉\u00A0")).isEqualTo("牛肉");
    }

    @Test
    void leavesChineseTextAndHalfWidthTextAlone() {
        String text = "上海西郊国际农产品交易有限公司";
        assertThat(TextNormalizer.normalize(text)).isSameAs(text);
        assertThat(TextNormalizer.normalize("2026/11/27 3:15")).isEqualTo("2026/11/27 3:15");
    }

    @Test
    void keepsChinesePunctuationOutsideTheFullWidthAsciiBlock() {
        assertThat(TextNormalizer.normalize("上海、北京。")).isEqualTo("上海、北京。");
    }

    @Test
    void removesInvisibleCharactersPastedFromWebPagesWhereverTheyAre() {
        assertThat(TextNormalizer.normalize("XJM2611270005\u200B")).isEqualTo("XJM2611270005");
        assertThat(TextNormalizer.normalize("\uFEFFXJM26\u200C1127\u200D0005\u2060")).isEqualTo("XJM2611270005");
        assertThat(TextNormalizer.normalize("\u200B ＴＺ001 \u200B")).isEqualTo("TZ001");
        assertThat(TextNormalizer.normalize("\u200B\u2060")).isEmpty();
        assertThat(TextNormalizer.isBlank("\u200B \uFEFF")).isTrue();
    }

    @Test
    void isNullSafe() {
        assertThat(TextNormalizer.normalize(null)).isNull();
        assertThat(TextNormalizer.normalize("")).isEmpty();
        assertThat(TextNormalizer.normalize("\u3000 ")).isEmpty();
    }
}
