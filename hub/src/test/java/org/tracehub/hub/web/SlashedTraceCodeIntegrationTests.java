package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.HtmlUtils;

/**
 * Legacy trace codes that contain "/" through the running hub (Tomcat, Spring Security's firewall,
 * Spring MVC): they travel as one path segment with {@code %2F} and open the consumer page, the trace
 * JSON and the QR codes, and a QR code carries the percent-encoded URL so that scanning it opens
 * the right page. Requests are sent as exact URIs, so what is tested is the bytes a phone sends.
 */
@Tag("e2e")
class SlashedTraceCodeIntegrationTests extends PublicWebTestSupport {

    private static final String SALE_SEGMENT = "JC%2F2019%2F000456%2FS01";
    private static final String SALE_URL = PUBLIC_BASE_URL + "/t/" + SALE_SEGMENT;

    @TempDir
    Path work;

    private RestClient http() {
        return RestClient.builder().defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    private URI at(String rawPath) {
        return URI.create(local(rawPath));
    }

    @Test
    void theConsumerPageOfACodeWithSlashesShowsItsChain() {
        ResponseEntity<String> page = http().get().uri(at("/t/" + SALE_SEGMENT)).retrieve().toEntity(String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("data-trace-code=\"" + PublicChains.SLASHED_LOT + "\"",
                "data-trace-code=\"" + PublicChains.SLASHED_SALE + "\"", "青菜", "上海联华超市有限公司", "上海西郊国际农产品交易有限公司");
    }

    @Test
    void theTraceApiAnswersForACodeWithSlashes() {
        Map<String, Object> chain = http().get().uri(at("/api/trace/" + SALE_SEGMENT)).retrieve()
                .body(new ParameterizedTypeReference<>() { });

        assertThat(chain).containsEntry("code", PublicChains.SLASHED_SALE).containsEntry("kind", "LOT").containsEntry("gaps", List.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) chain.get("events");
        assertThat(events).extracting(e -> e.get("traceCode"), e -> e.get("relation"))
                .containsExactly(tuple(PublicChains.SLASHED_LOT, "UPSTREAM"),
                        tuple(PublicChains.SLASHED_SALE, "SELF"));

        Map<String, Object> lot = http().get().uri(at("/api/trace/JC%2F2019%2F000456")).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(lot).containsEntry("code", PublicChains.SLASHED_LOT);
    }

    @Test
    void anUnknownCodeWithSlashesIsA404NotAServerOrFirewallError() {
        ResponseEntity<Map<String, Object>> api = http().get().uri(at("/api/trace/JC%2F2019%2F999999")).retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });
        assertThat(api.getStatusCode().value()).isEqualTo(404);
        assertThat(api.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(api.getBody()).containsEntry("code", "TRACE_CODE_NOT_FOUND").containsEntry("detail", "未找到追溯码“JC/2019/999999”的追溯信息");

        ResponseEntity<String> page = http().get().uri(at("/t/JC%2F2019%2F999999")).retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(404);
        assertThat(page.getBody()).contains("未找到追溯信息", "JC/2019/999999");
    }

    @Test
    void theQrCodesOfACodeWithSlashesCarryThePercentEncodedUrlAndOpenItsPage() throws Exception {
        ResponseEntity<byte[]> png = http().get().uri(at("/qr/" + SALE_SEGMENT + ".png?size=400")).retrieve().toEntity(byte[].class);
        assertThat(png.getStatusCode().value()).isEqualTo(200);
        assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getBody()));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(QrDecoders.zxing(image)).isEqualTo(SALE_URL).isEqualTo(links.pageOf(PublicChains.SLASHED_SALE));
        assertThat(QrDecoders.zbar(image, work)).containsExactly(SALE_URL);

        ResponseEntity<String> svg = http().get().uri(at("/qr/" + SALE_SEGMENT + ".svg")).retrieve().toEntity(String.class);
        assertThat(svg.getStatusCode().value()).isEqualTo(200);
        assertThat(svg.getHeaders().getContentType()).isEqualTo(MediaType.valueOf("image/svg+xml"));
        BufferedImage drawn = QrDecoders.rasterise(svg.getBody(), 5);
        assertThat(QrDecoders.zxing(drawn)).isEqualTo(SALE_URL);
        assertThat(QrDecoders.zbar(drawn, work)).containsExactly(SALE_URL);

        // what a phone does with the scanned URL: request its path as it is
        String scannedPath = QrDecoders.zxing(image).substring(PUBLIC_BASE_URL.length());
        ResponseEntity<String> opened = http().get().uri(at(scannedPath)).retrieve().toEntity(String.class);
        assertThat(opened.getStatusCode().value()).isEqualTo(200);
        assertThat(opened.getBody()).contains("data-trace-code=\"" + PublicChains.SLASHED_SALE + "\"");
    }

    @ParameterizedTest
    @FieldSource("org.tracehub.hub.web.PublicChains#ODD_CODES")
    void aCodeWithCharactersAUrlPathTreatsSpeciallyOpensItsOwnPageThroughItsLinkAndQrCode(String code) throws Exception {
        String link = links.pageOf(code);
        assertThat(link).startsWith(PUBLIC_BASE_URL);
        String path = link.substring(PUBLIC_BASE_URL.length());

        ResponseEntity<String> page = http().get().uri(at(path)).retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).as(path).isEqualTo(200);
        assertThat(page.getBody()).contains("data-trace-code=\"" + HtmlUtils.htmlEscape(code) + "\"", "青菜");

        ResponseEntity<byte[]> png = http().get().uri(at("/qr/" + ConsumerLinks.segmentOf(code) + ".png")).retrieve().toEntity(byte[].class);
        assertThat(png.getStatusCode().value()).isEqualTo(200);
        assertThat(QrDecoders.zxing(ImageIO.read(new ByteArrayInputStream(png.getBody())))).isEqualTo(link);

        Map<String, Object> chain = http().get().uri(at("/api/trace/" + ConsumerLinks.segmentOf(code))).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(chain).containsEntry("code", code);
    }

    @Test
    void aLiteralSemicolonIsRefusedNotCutIntoThePageOfTheCodeBeforeIt() {
        // Tomcat would take ";2019;000457" for path parameters and Spring MVC would show the page of "JC"
        ResponseEntity<String> literal = http().get().uri(at("/t/JC;2019;000457")).retrieve().toEntity(String.class);
        assertThat(literal.getStatusCode().value()).isEqualTo(400);
        assertThat(literal.getBody()).doesNotContain("data-trace-code");

        ResponseEntity<String> api = http().get().uri(at("/api/trace/JC;2019;000457")).retrieve().toEntity(String.class);
        assertThat(api.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theRelaxedCharactersStayRefusedOutsideThePublicCodePaths() {
        ResponseEntity<String> console = http().get().uri(at("/console/batches/A%3BB")).retrieve().toEntity(String.class);
        assertThat(console.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<String> twoSegments = http().get().uri(at("/t/A%25B/x")).retrieve().toEntity(String.class);
        assertThat(twoSegments.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theSameCodeWithLiteralSlashesIsNotThePageOfTheCode() {
        // /t/JC/2019/000456/S01 is five segments: no page matches it, so it can never show another code's chain
        ResponseEntity<String> literal = http().get().uri(at("/t/" + PublicChains.SLASHED_SALE)).retrieve().toEntity(String.class);
        assertThat(literal.getStatusCode().value()).isEqualTo(404);
        assertThat(literal.getBody()).doesNotContain("data-trace-code");
    }
}
