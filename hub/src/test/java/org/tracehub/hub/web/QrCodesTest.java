package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracehub.hub.api.ApiException;

/** Every QR code the hub draws reads back as the consumer page's URL, with ZXing and with zbarimg. */
class QrCodesTest {

    private final QrCodes qr = new QrCodes();
    private final ConsumerLinks links = new ConsumerLinks("https://trace.example.sh.cn/");

    @TempDir
    Path work;

    @Test
    void theLinkPercentEncodesTheCodeAsOnePathSegment() {
        assertThat(links.pageOf("XJM2611270001")).isEqualTo("https://trace.example.sh.cn/t/XJM2611270001");
        assertThat(links.pageOf("猪肉 批次#1/2?")).isEqualTo("https://trace.example.sh.cn/t/%E7%8C%AA%E8%82%89%20%E6%89%B9%E6%AC%A1%231%2F2%3F");
    }

    @ParameterizedTest(name = "{0} at {1} px, level {2}")
    @CsvSource({
        "XJM2611270001, 300, M",
        "LH26112700330007, 100, L",
        "31103101012019050001, 1000, H",
        "'猪肉 批次#1/2?', 240, Q",
        "'A-B_C.D~E', 333, M"})
    void pngReadsBackAsTheUrlWithZxingAndZbar(String code, int size, String level) throws Exception {
        String url = links.pageOf(code);
        byte[] png = qr.png(url, new QrOptions(size, ErrorCorrectionLevel.valueOf(level)));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
        assertThat(QrDecoders.zxing(png)).isEqualTo(url);
        assertThat(QrDecoders.zbar(image, work)).containsExactly(url);
    }

    @ParameterizedTest(name = "{0}, level {1}")
    @CsvSource({"XJM2611270001, M", "'猪肉 批次#1/2?', H", "LH26112700330007, L"})
    void svgReadsBackAsTheUrlWithZxingAndZbar(String code, String level) throws Exception {
        String url = links.pageOf(code);
        String svg = qr.svg(url, new QrOptions(300, ErrorCorrectionLevel.valueOf(level)));

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"300\"").doesNotContain(code);
        BufferedImage image = QrDecoders.rasterise(svg, 6);
        assertThat(QrDecoders.zxing(image)).isEqualTo(url);
        assertThat(QrDecoders.zbar(image, work)).containsExactly(url);
    }

    @Test
    void aHigherErrorCorrectionLevelNeedsMoreModules() {
        String url = links.pageOf("XJM2611270001");
        int low = qr.encode(url, new QrOptions(300, ErrorCorrectionLevel.L), 0).getWidth();
        int high = qr.encode(url, new QrOptions(300, ErrorCorrectionLevel.H), 0).getWidth();
        // 44 bytes: version 3 (29 modules) at level L, version 5 (37 modules) at level H, plus a 4-module quiet zone each side
        assertThat(List.of(low, high)).containsExactly(37, 45);
    }

    @Test
    void optionsHaveDefaultsAndRefuseBadValuesInChinese() {
        assertThat(QrOptions.parse(null, null)).isEqualTo(new QrOptions(300, ErrorCorrectionLevel.M));
        assertThat(QrOptions.parse("1000", "h")).isEqualTo(new QrOptions(1000, ErrorCorrectionLevel.H));
        for (String size : List.of("99", "1001", "abc", "")) {
            assertThatThrownBy(() -> QrOptions.parse(size, null)).isInstanceOf(ApiException.class)
                    .hasMessageStartingWith("二维码尺寸应为100到1000之间的整数");
        }
        assertThatThrownBy(() -> QrOptions.parse(null, "X")).isInstanceOf(ApiException.class).hasMessageStartingWith("纠错等级应为 L、M、Q 或 H");
    }

    @Test
    void tooLongOrControlCharacterCodesAreRefused() {
        assertThat(TraceCodes.acceptable("A".repeat(64))).isTrue();
        assertThat(TraceCodes.acceptable("A".repeat(65))).isFalse();
        assertThat(TraceCodes.acceptable("A\nB")).isFalse();
        assertThat(TraceCodes.acceptable(" ")).isFalse();
        assertThat(TraceCodes.acceptable("..")).isFalse();
        assertThat(TraceCodes.acceptable("沪")).isTrue();
    }
}
