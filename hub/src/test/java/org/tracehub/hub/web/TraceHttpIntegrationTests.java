package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.HubTestUsers;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.TraceChainQuery;

/**
 * The public HTTP surface against the running hub: the trace JSON, the consumer page's HTML, QR
 * codes (read back with ZXing and zbarimg) and their parameters, the label sheet, and that no
 * private person ever appears in any of it.
 */
@Tag("e2e")
class TraceHttpIntegrationTests extends PublicWebTestSupport {

    @Autowired
    PublicQueryLimit limit;

    @Autowired
    QrRenderLimit qrLimit;

    private static final List<String> PRIVATE = List.of(PublicChains.OWNER, PublicChains.INSPECTOR, PublicChains.SHOPPER,
            PublicChains.SHOPPER_PHONE);

    @TempDir
    Path work;

    /** The JDK client does not decompress by itself: what the hub sent is what the test reads. */
    private final HttpClient phone = HttpClient.newHttpClient();

    private RestClient http() {
        return RestClient.builder().baseUrl(local("")).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    @Test
    void theTraceJsonOfASaleIsTheWholeChainInTimeOrderWithNoPrivatePerson() {
        ResponseEntity<String> raw = http().get().uri("/api/trace/{code}", PublicChains.SALE).retrieve().toEntity(String.class);
        assertThat(raw.getStatusCode().value()).isEqualTo(200);
        assertThat(raw.getBody()).doesNotContain(PRIVATE);

        Map<String, Object> chain = http().get().uri("/api/trace/{code}", PublicChains.SALE).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(chain).containsEntry("code", PublicChains.SALE).containsEntry("kind", "LOT").containsEntry("gaps", List.of())
                .containsEntry("truncated", false);
        List<Map<String, Object>> events = events(chain);
        assertThat(events).extracting(e -> e.get("traceCode")).containsExactly(PublicChains.PIG_LOT, PublicChains.SLAUGHTER_LOT,
                PublicChains.WHOLESALE_LOT, PublicChains.RETAIL_LOT, PublicChains.SALE);
        assertThat(events).extracting(e -> e.get("relation")).containsExactly("UPSTREAM", "UPSTREAM", "UPSTREAM", "UPSTREAM", "SELF");
        assertThat(events.get(2)).containsEntry("operatorName", "上海西郊国际农产品交易有限公司")
                .containsEntry("counterparty", Map.of("uscc", PublicChains.SUPERMARKET_USCC, "name", "上海联华超市有限公司", "nodeType", "SUPERMARKET"))
                .containsEntry("originName", "安徽省滁州市来安县");
        assertThat(events.get(4)).containsEntry("counterparty", null);
    }

    @Test
    void quantitiesInTheTraceJsonArePlainNumbers() {
        // stored as DECIMAL(20, 6): 600.000000, 950.000000, which without their zeros were written 6E+2, 9.5E+2
        String gap = http().get().uri("/api/trace/{code}", PublicChains.GAP_WHOLESALE_LOT).retrieve().body(String.class);
        String positive = http().get().uri("/api/trace/{code}", PublicChains.POSITIVE_WHOLESALE_LOT).retrieve().body(String.class);

        assertThat(gap).contains("\"quantity\":600,").doesNotContain("E+");
        assertThat(positive).contains("\"quantity\":950,", "\"quantity\":95,").doesNotContain("E+");
    }

    @Test
    void theTraceJsonCarriesNoEventIdWhoseHashWouldConfirmGuessedVoucherNumbers() {
        for (String code : List.of(PublicChains.SALE, PublicChains.ELEVATOR)) {
            String raw = http().get().uri("/api/trace/{code}", code).retrieve().body(String.class);
            assertThat(raw).as(code).doesNotContain("eventId");
            Map<String, Object> chain = http().get().uri("/api/trace/{code}", code).retrieve()
                    .body(new ParameterizedTypeReference<>() { });
            assertThat(events(chain)).as(code).isNotEmpty().allSatisfy(e -> assertThat(e).doesNotContainKey("eventId")
                    .containsKeys("traceCode", "step", "time"));
        }
    }

    @Test
    void anUnknownCodeIsA404ProblemDocument() {
        ResponseEntity<Map<String, Object>> response = http().get().uri("/api/trace/{code}", "NO-SUCH-LOT").retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("code", "TRACE_CODE_NOT_FOUND").containsEntry("status", 404)
                .containsEntry("detail", "未找到追溯码“NO-SUCH-LOT”的追溯信息");
    }

    @Test
    void anElevatorsEmergencyCodeGivesItsHistory() {
        Map<String, Object> chain = http().get().uri("/api/trace/{code}", PublicChains.ELEVATOR_EMERGENCY_CODE).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(chain).containsEntry("kind", "EQUIPMENT");
        assertThat(events(chain)).extracting(e -> e.get("step")).containsExactly("INSPECT", "MAINTAIN", "MAINTAIN");
    }

    /**
     * A 96333 code reissued to a new lift is declared by both lifts' records: the page and the JSON give each lift (its
     * newest record first) to choose from, never one history that mixes the scrapped lift's records into the new one's;
     * each choice opens that lift's own page.
     */
    @Test
    void aReissuedEmergencyCodeGivesEachLiftToChooseFromAndEachChoiceOpensThatLiftAlone() {
        Map<String, Object> chain = http().get().uri("/api/trace/{code}", PublicChains.REISSUED_EMERGENCY_CODE).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(chain).containsEntry("kind", "EQUIPMENT");
        assertThat((List<?>) chain.get("events")).isEmpty();
        assertThat(events(chain, "candidates")).extracting(e -> e.get("traceCode"), e -> e.get("step"))
                .containsExactly(tuple(PublicChains.NEW_LIFT, "MAINTAIN"), tuple(PublicChains.SCRAPPED_LIFT, "SCRAP"));

        ResponseEntity<String> page = http().get().uri("/t/{code}", PublicChains.REISSUED_EMERGENCY_CODE).retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("此编码对应多个设备或气瓶", "href=\"/t/" + PublicChains.NEW_LIFT + "\"",
                        "href=\"/t/" + PublicChains.SCRAPPED_LIFT + "\"", "2026-11-17 14:00")
                .doesNotContain("维保与检验记录", "先后", "多台");
        assertThat(page.getBody().indexOf(PublicChains.NEW_LIFT)).isLessThan(page.getBody().indexOf(PublicChains.SCRAPPED_LIFT));

        String newLift = http().get().uri("/t/{code}", PublicChains.NEW_LIFT).retrieve().body(String.class);
        assertThat(newLift).contains("维保与检验记录", "2026-05-20 10:00").doesNotContain("2026-03-01 09:00", PublicChains.SCRAPPED_LIFT);
    }

    /**
     * A 96333 code a whole block's lifts report: the choice lists the first {@link TraceChainQuery#MAX_CHOICES} lifts and
     * says there are more (the JSON: {@code truncated}), rather than reading every lift's records for one page.
     */
    @Test
    void anIdentifierSharedByMoreLiftsThanAChoiceListsOffersTheFirstOnesAndSaysThereAreMore() {
        Map<String, Object> chain = http().get().uri("/api/trace/{code}", PublicChains.SHARED_EMERGENCY_CODE).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(chain).containsEntry("kind", "EQUIPMENT").containsEntry("truncated", true);
        assertThat(events(chain, "candidates")).hasSize(TraceChainQuery.MAX_CHOICES);

        String page = http().get().uri("/t/{code}", PublicChains.SHARED_EMERGENCY_CODE).retrieve().body(String.class);
        assertThat(page).contains("此编码对应多个设备或气瓶",
                "对应的记录超过" + TraceChainQuery.MAX_CHOICES + "个，此处仅列出" + TraceChainQuery.MAX_CHOICES + "个");
        assertThat(page.split("class=\"choice\"", -1)).hasSize(TraceChainQuery.MAX_CHOICES + 1);

        String two = http().get().uri("/t/{code}", PublicChains.REISSUED_EMERGENCY_CODE).retrieve().body(String.class);
        assertThat(two).doesNotContain("此处仅列出");
    }

    /**
     * Every public query holds a database connection: with the limit's permits all taken by queries still running, the
     * next scan waits its turn briefly and is answered 503 TRACE_BUSY (Retry-After) on the page and in the JSON, rather
     * than queueing for the pool the import jobs need; once they end, it is answered as usual.
     */
    @Test
    void aScanBeyondTheConcurrentQueryLimitIsAnswered503BusyAndTheNextOneAfterTheRunningQueriesEndIsServed() throws Exception {
        whileEveryPermitIsHeld(limit.available(), limit::run, () -> {
            ResponseEntity<String> json = http().get().uri("/api/trace/{code}", PublicChains.SALE).retrieve()
                    .onStatus(status -> true, (request, response) -> { }).toEntity(String.class);
            assertThat(json.getStatusCode().value()).isEqualTo(503);
            assertThat(json.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(json.getBody()).contains("TRACE_BUSY", "查询人数较多");
            ResponseEntity<String> page = http().get().uri("/t/{code}", PublicChains.SALE).retrieve()
                    .onStatus(status -> true, (request, response) -> { }).toEntity(String.class);
            assertThat(page.getStatusCode().value()).isEqualTo(503);
            assertThat(page.getBody()).contains("查询人数较多，请稍后再扫码查询", "data-error-code=\"TRACE_BUSY\"");
        });
        assertThat(http().get().uri("/t/{code}", PublicChains.SALE).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }

    /**
     * A large PNG costs tens of milliseconds of CPU and a new code per request defeats the cache: with every QR permit
     * taken, the next image waits briefly and is answered 503 QR_BUSY (Retry-After, not cached), while the consumer page
     * is still served; once the running renders end, images are drawn again.
     */
    @Test
    void aQrImageBeyondTheConcurrentRenderLimitIsAnswered503BusyWithRetryAfterAndTheNextOneAfterwardsIsServed() throws Exception {
        whileEveryPermitIsHeld(qrLimit.available(), qrLimit::run, () -> {
            for (String path : List.of("/qr/XJM2611279999.png?size=1000", "/qr/XJM2611279998.svg")) {
                ResponseEntity<Map<String, Object>> busy = http().get().uri(path).retrieve()
                        .toEntity(new ParameterizedTypeReference<>() { });
                assertThat(busy.getStatusCode().value()).as(path).isEqualTo(503);
                assertThat(busy.getHeaders().getFirst("Retry-After")).as(path).isEqualTo("5");
                assertThat(busy.getHeaders().getCacheControl()).as(path).isEqualTo("no-store");
                assertThat(busy.getBody()).as(path).containsEntry("code", "QR_BUSY").containsEntry("detail", "二维码生成请求较多，请稍后再试");
            }
            assertThat(http().get().uri("/t/{code}", PublicChains.SALE).retrieve().toEntity(String.class).getStatusCode().value())
                    .as("the consumer page does not wait for the QR images").isEqualTo(200);
        });
        assertThat(http().get().uri("/qr/XJM2611279999.png").retrieve().toEntity(byte[].class).getStatusCode().value()).isEqualTo(200);
    }

    /**
     * Label printers write a URL in capitals for QR's alphanumeric mode (HTTPS://HOST/T/CODE): /T/ is the consumer page
     * too, a permanent redirect to /t/ (never the sign-in page), and the code form's /T/?code= likewise.
     */
    @Test
    void aLabelPrintersCapitalisedAddressRedirectsPermanentlyToTheConsumerPage() throws Exception {
        HttpResponse<String> capitals = phone.send(HttpRequest.newBuilder(URI.create(local("/T/" + PublicChains.WHOLESALE_LOT))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(capitals.statusCode()).isEqualTo(301);
        String location = capitals.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/t/" + PublicChains.WHOLESALE_LOT);
        HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(local("")).resolve(location)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("白条猪", PublicChains.WHOLESALE_LOT);

        HttpResponse<String> mixedCase = phone.send(HttpRequest.newBuilder(URI.create(local("/T/SH-LOT2611A"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mixedCase.headers().firstValue("Location")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("/t/SH-LOT2611A");
        HttpResponse<String> slashed = phone.send(HttpRequest.newBuilder(URI.create(local("/T/JC%2F2019%2F000456"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slashed.headers().firstValue("Location")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("/t/JC%2F2019%2F000456");

        HttpResponse<String> form = phone.send(HttpRequest.newBuilder(URI.create(local("/T/?code=XJM%202611270001"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(301);
        assertThat(form.headers().firstValue("Location")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("/t/?code=XJM%202611270001");
    }

    /**
     * Addresses refused before the page's controller — by Tomcat (GBK-encoded 中, a cut UTF-8 character, an encoded NUL)
     * or by the firewall (a raw ";", an encoded ".", a line break) — give the shopper a Chinese page that says to scan
     * again or type the code, not Tomcat's English status page nor the console's words about dates and page numbers;
     * Tomcat's with the hub's security headers.
     */
    @Test
    void anAddressRefusedBeforeThePageGivesAChinesePageForTheShopper() throws Exception {
        for (String path : List.of("/t/%D6%D0", "/t/%E4%B8", "/t/a%00b", "/T/%D6%D0")) {
            HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(local(path))).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type")).as(path).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("text/html").containsIgnoringCase("utf-8");
            assertThat(page.body()).as(path).contains("网址无法识别", "请直接扫描包装或小票上的二维码", "name=\"code\"")
                    .doesNotContain("HTTP Status", "Bad Request", "Apache Tomcat");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
        for (String path : List.of("/t/A;B", "/t/%2E", "/t/X%0A", "/T/A;B", "/t/")) {
            HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(local(path))).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(page.statusCode()).as(path).isBetween(400, 404);
            assertThat(page.body()).as(path).contains("网址无法识别", "请直接扫描包装或小票上的二维码", "重新输入追溯码")
                    .doesNotContain("yyyy-MM-dd", "页码", "管理台");
        }
    }

    /**
     * The same addresses under /api/, which Tomcat refuses before the hub as well: a script gets the API's problem document
     * with its stable code and Chinese detail, as for every other API error, not the shopper's HTML page.
     */
    @Test
    void anApiAddressTomcatCannotReadGetsTheApisProblemDocument() throws Exception {
        for (String path : List.of("/api/trace/%D6%D0", "/api/trace/%E4%B8", "/api/batches/a%00b")) {
            HttpResponse<String> problem = phone.send(HttpRequest.newBuilder(URI.create(local(path))).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(problem.statusCode()).as(path).isEqualTo(400);
            assertThat(problem.headers().firstValue("Content-Type")).as(path).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("application/problem+json");
            assertThat(problem.body()).as(path).contains("\"code\":\"REQUEST_MALFORMED\"", "\"status\":400", "请求地址无法解析")
                    .doesNotContain("<html", "网址无法识别");
            assertThat(problem.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    /**
     * A code pasted with the sentence's 。 or 、 a chat app took into the link, or typed with hyphens or spaces a label
     * groups its digits with: not found as typed, it is never redirected — before a nightly load the stored code it
     * resembles may be another operator's lot — but its not-found page (404, not stored) asks 您要查的是不是 and links
     * the stored code those slips leave, for the consumer to compare with the label; a code that has hyphens of its own
     * keeps them; one matching nothing gets the page without the question, which says to check hyphens, spaces and
     * punctuation; the JSON likewise answers 404 naming the codes, not their chain.
     */
    @Test
    void aCodeWithATrailingFullStopOrInnerHyphensIsNotRedirectedButItsNotFoundPageOffersTheStoredCode() throws Exception {
        Map<String, String> slips = Map.of(
                "XJM-2611270001", PublicChains.WHOLESALE_LOT,
                "XJM 2611 2700 01", PublicChains.WHOLESALE_LOT,
                PublicChains.WHOLESALE_LOT + "。", PublicChains.WHOLESALE_LOT,
                PublicChains.WHOLESALE_LOT + "、", PublicChains.WHOLESALE_LOT,
                "xjm-2611270001.", PublicChains.WHOLESALE_LOT,
                PublicChains.ELEVATOR_EMERGENCY_CODE + "。", PublicChains.ELEVATOR_EMERGENCY_CODE);
        for (Map.Entry<String, String> slip : slips.entrySet()) {
            HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(local("/t/" + ConsumerLinks.segmentOf(slip.getKey()))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(slip.getKey()).isEqualTo(404);
            assertThat(page.headers().firstValue("Location")).as(slip.getKey()).isEmpty();
            assertThat(page.headers().firstValue("Cache-Control")).as(slip.getKey()).hasValue("no-store");
            assertThat(page.body()).as(slip.getKey()).contains("未找到追溯信息", "您要查的是不是",
                    "href=\"/t/" + slip.getValue() + "\"", "data-error-code=\"TRACE_CODE_NOT_FOUND\"").doesNotContain("class=\"timeline");
        }
        ResponseEntity<Map<String, Object>> json = http().get().uri("/api/trace/{code}", "XJM-2611270001").retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });
        assertThat(json.getStatusCode().value()).isEqualTo(404);
        assertThat(json.getBody()).containsEntry("code", "TRACE_CODE_NOT_FOUND").containsEntry("suggestions", List.of(PublicChains.WHOLESALE_LOT))
                .containsEntry("detail", "未找到追溯码“XJM-2611270001”的追溯信息；您要查的是不是：" + PublicChains.WHOLESALE_LOT)
                .doesNotContainKey("events");

        HttpResponse<String> twins = phone.send(HttpRequest.newBuilder(URI.create(local("/t/Jq-2611270031"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(twins.statusCode()).isEqualTo(404);
        assertThat(twins.body()).as("two stored codes differing in case: both offered").contains("href=\"/t/JQ2611270031\"", "href=\"/t/jq2611270031\"");

        HttpResponse<String> nothing = phone.send(HttpRequest.newBuilder(URI.create(local("/t/XJM-2611279999%E3%80%82"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(nothing.body()).contains("未找到追溯信息", "短横线", "空格", "标点").doesNotContain("您要查的是不是");
    }

    @Test
    void theConsumerPageIsServedByTheHubAloneAndNamesNoPrivatePerson() {
        ResponseEntity<String> page = http().get().uri("/t/{code}", PublicChains.SALE).retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("上海五丰上食食品有限公司", "安徽省滁州市来安县", "动物检疫合格证明 3100123456")
                .doesNotContain(PRIVATE).doesNotContain("<script", "http://", "https://");
        String stylesheet = stylesheetOf(page.getBody());
        ResponseEntity<String> css = http().get().uri(stylesheet).retrieve().toEntity(String.class);
        assertThat(css.getStatusCode().value()).isEqualTo(200);
        assertThat(css.getHeaders().getContentType().isCompatibleWith(MediaType.valueOf("text/css"))).isTrue();
    }

    @Test
    void anIndividualBusinessIsNotNamedInTheTraceJsonOrOnThePageWhileCompaniesAre() {
        String raw = http().get().uri("/api/trace/{code}", PublicChains.STALL_SALE).retrieve().body(String.class);
        assertThat(raw).doesNotContain(PublicChains.STALL_HOLDER).contains("上海西郊国际农产品交易有限公司");
        List<Map<String, Object>> events = events(http().get().uri("/api/trace/{code}", PublicChains.STALL_SALE).retrieve()
                .body(new ParameterizedTypeReference<>() { }));
        assertThat(events).extracting(e -> e.get("traceCode")).containsExactly(PublicChains.STALL_WHOLESALE_LOT, PublicChains.STALL_SALE);
        // the market sold to the stall: the buyer is a business with a credit code, yet a person's name
        assertThat(events.get(0)).containsEntry("operatorName", "上海西郊国际农产品交易有限公司")
                .containsEntry("counterparty", Map.of("uscc", PublicChains.STALL_USCC, "name", ChainEvent.UNNAMED_INDIVIDUAL_BUSINESS, "nodeType", "RETAIL_MARKET"));
        // the stall's own sale: still a registered business with its code and node, only its name withheld
        assertThat(events.get(1)).containsEntry("operatorUscc", PublicChains.STALL_USCC)
                .containsEntry("operatorName", ChainEvent.UNNAMED_INDIVIDUAL_BUSINESS).containsEntry("nodeType", "RETAIL_MARKET");

        for (String code : List.of(PublicChains.STALL_SALE, PublicChains.STALL_WHOLESALE_LOT)) {
            ResponseEntity<String> page = http().get().uri("/t/{code}", code).retrieve().toEntity(String.class);
            assertThat(page.getStatusCode().value()).isEqualTo(200);
            assertThat(page.getBody()).as(code).doesNotContain(PublicChains.STALL_HOLDER)
                    .contains(ChainEvent.UNNAMED_INDIVIDUAL_BUSINESS, PublicChains.STALL_USCC, "上海西郊国际农产品交易有限公司");
        }
    }

    @Test
    void thePageComesGzippedToAPhoneThatAsksForIt() throws Exception {
        HttpResponse<byte[]> page = phone.send(HttpRequest.newBuilder(URI.create(local("/t/" + PublicChains.SALE)))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(page.body())).contains("猪后腿肉", "上海五丰上食食品有限公司");

        HttpResponse<byte[]> json = phone.send(HttpRequest.newBuilder(URI.create(local("/api/trace/" + PublicChains.SALE)))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(json.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(json.body())).contains("\"code\":\"" + PublicChains.SALE + "\"");
    }

    @Test
    void theStylesheetIsLinkedByItsContentAndKeptForAYearSoAChangedOneIsANewUrl() {
        String page = http().get().uri("/t/{code}", PublicChains.SALE).retrieve().body(String.class);
        String stylesheet = stylesheetOf(page);
        assertThat(stylesheet).matches("/css/trace-[0-9a-f]{32}\\.css");

        ResponseEntity<String> css = http().get().uri(stylesheet).retrieve().toEntity(String.class);
        assertThat(css.getStatusCode().value()).isEqualTo(200);
        assertThat(css.getHeaders().getCacheControl()).contains("max-age=31536000").contains("public").doesNotContain("no-store");
        assertThat(css.getBody()).isEqualTo(http().get().uri("/css/trace.css").retrieve().body(String.class));
    }

    @Test
    void thePageAndTheTraceJsonAreNeverStoredSoALotThatTurnsBadIsNotShownFromACache() {
        for (String path : List.of("/t/" + PublicChains.SALE, "/t/NO-SUCH-LOT", "/api/trace/" + PublicChains.SALE,
                "/api/trace/NO-SUCH-LOT")) {
            ResponseEntity<String> response = http().get().uri(path).retrieve().toEntity(String.class);
            assertThat(response.getHeaders().getCacheControl()).as(path).isEqualTo("no-store");
        }
    }

    @Test
    void unknownOrHostileCodesGetTheChineseNotFoundPageEscaped() {
        ResponseEntity<String> unknown = http().get().uri("/t/{code}", "NO-SUCH-LOT").retrieve().toEntity(String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("未找到追溯信息", "NO-SUCH-LOT", "data-error-code=\"TRACE_CODE_NOT_FOUND\"");

        ResponseEntity<String> hostile = http().get().uri("/t/{code}", "<b onmouseover=alert(1)>x").retrieve().toEntity(String.class);
        assertThat(hostile.getStatusCode().value()).isEqualTo(404);
        assertThat(hostile.getBody()).contains("&lt;b onmouseover=alert(1)&gt;x").doesNotContain("<b onmouseover");
    }

    static Stream<String> handTypedWholesaleLot() {
        String lot = PublicChains.WHOLESALE_LOT;
        return Stream.of("ＸＪＭ２６１１２７０００１", "ＸＪＭ2611270001", lot + " ", " " + lot, "\u200B" + lot, lot + "\u200B",
                "\u3000" + lot + "\uFEFF");
    }

    /**
     * A code typed with a Chinese IME (full-width letters and digits), pasted with a space or an invisible character:
     * the loader cleaned the code it stored the same way, so the page redirects to the stored code's page, and the JSON
     * and the QR codes answer as for the stored code.
     */
    @ParameterizedTest(name = "[{index}]")
    @MethodSource("handTypedWholesaleLot")
    void aCodeTypedWithAChineseImeOrPastedWithSpacesOrInvisibleCharactersOpensTheStoredCodesPage(String typed) throws Exception {
        String segment = ConsumerLinks.segmentOf(typed);
        HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(local("/t/" + segment))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(301);
        String location = page.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/t/" + PublicChains.WHOLESALE_LOT);
        HttpResponse<String> redirected = phone.send(HttpRequest.newBuilder(URI.create(local("")).resolve(location)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirected.statusCode()).isEqualTo(200);
        assertThat(redirected.body()).contains(PublicChains.WHOLESALE_LOT);

        Map<String, Object> chain = http().get().uri(URI.create(local("/api/trace/" + segment))).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(chain).containsEntry("code", PublicChains.WHOLESALE_LOT);
        assertThat(events(chain)).isNotEmpty();

        byte[] qr = http().get().uri(URI.create(local("/qr/" + segment + ".png"))).retrieve().body(byte[].class);
        byte[] stored = http().get().uri("/qr/{code}.png", PublicChains.WHOLESALE_LOT).retrieve().body(byte[].class);
        assertThat(qr).as("the QR code of the stored code's page").isEqualTo(stored);
    }

    /**
     * The loader keeps a code's case, and trace codes are case-sensitive: a code typed in another case than any stored one
     * is not found — never redirected to, nor answered with, the stored code's chain, which before a nightly load may be
     * another operator's lot — and its not-found page and JSON offer the stored code whatever its case (upper, or a legacy
     * lot's mixed case); a code reported in lower case is its own, never merged with its upper-case twin; a third spelling
     * of the twins offers both.
     */
    @Test
    void aCodeTypedInAnotherCaseIsOfferedTheStoredCodeWhateverItsCaseButNeverShownItsChainAndTwinsStayTwo() throws Exception {
        for (Map.Entry<String, String> typed : Map.of("xjm2611270001", PublicChains.WHOLESALE_LOT,
                "sh-lot2611A", PublicChains.MIXED_CASE_LOT, "SH-LOT2611A", PublicChains.MIXED_CASE_LOT).entrySet()) {
            HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(local("/t/" + typed.getKey()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(typed.getKey()).isEqualTo(404);
            assertThat(page.headers().firstValue("Location")).as(typed.getKey()).isEmpty();
            assertThat(page.body()).as(typed.getKey()).contains("您要查的是不是", "href=\"/t/" + typed.getValue() + "\"")
                    .doesNotContain("class=\"timeline");
            ResponseEntity<Map<String, Object>> json = http().get().uri("/api/trace/{code}", typed.getKey()).retrieve()
                    .toEntity(new ParameterizedTypeReference<>() { });
            assertThat(json.getStatusCode().value()).as(typed.getKey()).isEqualTo(404);
            assertThat(json.getBody()).as(typed.getKey()).containsEntry("code", "TRACE_CODE_NOT_FOUND")
                    .containsEntry("suggestions", List.of(typed.getValue()));
        }

        for (String twin : PublicChains.CASE_TWINS) {
            HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(local("/t/" + twin))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(twin).isEqualTo(200);
            assertThat(page.body()).as(twin).contains(twin, twin.equals("jq2611270031") ? "20 千克" : "30 千克");
            Map<String, Object> chain = http().get().uri("/api/trace/{code}", twin).retrieve().body(new ParameterizedTypeReference<>() { });
            assertThat(chain).as(twin).containsEntry("code", twin);
            assertThat(events(chain)).as(twin).hasSize(1);
        }
        HttpResponse<String> third = phone.send(HttpRequest.newBuilder(URI.create(local("/t/Jq2611270031"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(404);
        assertThat(third.body()).contains("您要查的是不是", "追溯码区分大小写字母",
                "href=\"/t/jq2611270031\"", "href=\"/t/JQ2611270031\"").doesNotContain("此编码对应多个设备或气瓶", "20 千克", "30 千克");
        ResponseEntity<Map<String, Object>> thirdJson = http().get().uri("/api/trace/{code}", "Jq2611270031").retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });
        assertThat(thirdJson.getStatusCode().value()).isEqualTo(404);
        assertThat(thirdJson.getBody()).containsEntry("suggestions", List.of("JQ2611270031", "jq2611270031"));
        HttpResponse<String> unknown = phone.send(HttpRequest.newBuilder(URI.create(local("/t/xjm2611279999"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("未找到追溯信息", "xjm2611279999").doesNotContain("您要查的是不是");
        assertThat(http().get().uri("/api/trace/{code}", "xjm2611279999").retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { }))
                .containsEntry("suggestions", List.of()).containsEntry("detail", "未找到追溯码“xjm2611279999”的追溯信息");
    }

    /** A consumer who typed a code wrong tries again on the page that told them, without a script. */
    @Test
    void theNotFoundAndBadCodePagesHaveAFormToTypeTheCodeAgainThatOpensItsPage() throws Exception {
        for (String path : List.of("/t/NO-SUCH-LOT", "/t/%20%20")) {
            String page = http().get().uri(URI.create(local(path))).retrieve().body(String.class);
            assertThat(page).as(path).contains("<form class=\"code-form\" method=\"get\" action=\"/t/\">", "name=\"code\"",
                    "重新输入追溯码", ">查询</button>");
        }
        assertThat(http().get().uri("/t/{code}", "NO-SUCH-LOT").retrieve().body(String.class))
                .as("the code as typed, to correct").contains("value=\"NO-SUCH-LOT\"");

        HttpResponse<String> typed = phone.send(HttpRequest.newBuilder(URI.create(local("/t/?code="
                + java.net.URLEncoder.encode(" ＸＪＭ2611270001", StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(typed.statusCode()).isEqualTo(302);
        assertThat(typed.headers().firstValue("Location")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("/t/" + PublicChains.WHOLESALE_LOT);
        assertThat(typed.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> slashed = phone.send(HttpRequest.newBuilder(URI.create(local("/t/?code="
                + java.net.URLEncoder.encode(PublicChains.SLASHED_LOT, StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slashed.headers().firstValue("Location")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("/t/JC%2F2019%2F000456");

        HttpResponse<String> blank = phone.send(HttpRequest.newBuilder(URI.create(local("/t/?code=%E3%80%80"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("追溯码格式不正确", "data-error-code=\"TRACE_CODE_FORMAT\"");
    }

    @Test
    void qrPngAndSvgReadBackAsTheConfiguredPublicUrlOfThePage() throws Exception {
        String code = "猪肉 批次#7";
        String expected = PUBLIC_BASE_URL + "/t/%E7%8C%AA%E8%82%89%20%E6%89%B9%E6%AC%A1%237";

        ResponseEntity<byte[]> png = http().get().uri("/qr/{code}.png", code).retrieve().toEntity(byte[].class);
        assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(png.getHeaders().getCacheControl()).isEqualTo("max-age=86400, public");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getBody()));
        assertThat(image.getWidth()).isEqualTo(QrOptions.DEFAULT_SIZE);
        assertThat(QrDecoders.zxing(image)).isEqualTo(expected);
        assertThat(QrDecoders.zbar(image, work)).containsExactly(expected);

        ResponseEntity<byte[]> big = http().get().uri("/qr/{code}.png?size=640&ec=H", PublicChains.SALE).retrieve().toEntity(byte[].class);
        BufferedImage bigImage = ImageIO.read(new ByteArrayInputStream(big.getBody()));
        assertThat(bigImage.getWidth()).isEqualTo(640);
        assertThat(QrDecoders.zxing(bigImage)).isEqualTo(PUBLIC_BASE_URL + "/t/" + PublicChains.SALE);
        assertThat(QrDecoders.zbar(bigImage, work)).containsExactly(PUBLIC_BASE_URL + "/t/" + PublicChains.SALE);

        ResponseEntity<String> svg = http().get().uri("/qr/{code}.svg?ec=Q", code).retrieve().toEntity(String.class);
        assertThat(svg.getHeaders().getContentType()).isEqualTo(MediaType.valueOf("image/svg+xml"));
        BufferedImage drawn = QrDecoders.rasterise(svg.getBody(), 5);
        assertThat(QrDecoders.zxing(drawn)).isEqualTo(expected);
        assertThat(QrDecoders.zbar(drawn, work)).containsExactly(expected);

        // the URL a phone reads opens the page on this hub
        String path = expected.substring(PUBLIC_BASE_URL.length());
        assertThat(http().get().uri(java.net.URI.create(local(path))).retrieve().toEntity(String.class).getStatusCode().value())
                .as("an unreported code still gets a page: the not-found one").isEqualTo(404);
        String salePath = QrDecoders.zxing(bigImage).substring(PUBLIC_BASE_URL.length());
        assertThat(http().get().uri(java.net.URI.create(local(salePath))).retrieve().toEntity(String.class).getBody())
                .contains("猪后腿肉");
    }

    @Test
    void badQrParametersAre400ProblemDocumentsInChinese() {
        for (String query : List.of("size=99", "size=1001", "size=big", "ec=Z")) {
            ResponseEntity<Map<String, Object>> response = http().get().uri("/qr/{code}.png?" + query, PublicChains.SALE).retrieve()
                    .toEntity(new ParameterizedTypeReference<>() { });
            assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).as(query).containsEntry("code", "BAD_REQUEST");
            assertThat((String) response.getBody().get("detail")).as(query).matches("(二维码尺寸|纠错等级).*");
        }
    }

    /** Path segments: two spaces, 65 characters, a control character alone and inside, punctuation only ("-/-"). */
    static Stream<String> malformedCodeSegments() {
        return Stream.of("%20%20", "A".repeat(65), "%01", "X%01Y", "-%2F-");
    }

    /**
     * Blank, too long, a control character: a code the hub could never have loaded gets one answer from all three
     * public endpoints, 400 TRACE_CODE_FORMAT, and not the page's "not reported yet, try later".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCodeSegments")
    void aMalformedCodeIsRefusedAlikeByThePageTheJsonAndTheQrCodes(String segment) {
        ResponseEntity<String> page = http().get().uri(URI.create(local("/t/" + segment))).retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(400);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("<h1 class=\"title\">追溯码格式不正确</h1>", "data-error-code=\"TRACE_CODE_FORMAT\"")
                .doesNotContain("尚未上报");

        for (String path : List.of("/api/trace/" + segment, "/qr/" + segment + ".png", "/qr/" + segment + ".svg")) {
            ResponseEntity<Map<String, Object>> problem = http().get().uri(URI.create(local(path))).retrieve()
                    .toEntity(new ParameterizedTypeReference<>() { });
            assertThat(problem.getStatusCode().value()).as(path).isEqualTo(400);
            assertThat(problem.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(problem.getBody()).as(path).containsEntry("code", "TRACE_CODE_FORMAT");
            assertThat((String) problem.getBody().get("detail")).as(path).startsWith("追溯码格式不正确");
        }
    }

    @Test
    void theLabelSheetHasOneReadableQrCodePerLoadedLotInFileOrder() throws Exception {
        // label sheets are for staff and senders, not the public: signed in as a viewer
        RestClient viewer = HubTestUsers.VIEWER.client(local("")).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        ResponseEntity<String> sheet = viewer.get().uri("/batches/{id}/labels", BATCH_ID).retrieve().toEntity(String.class);
        assertThat(sheet.getStatusCode().value()).isEqualTo(200);
        String html = sheet.getBody();

        List<String> codes = all(Pattern.compile("data-trace-code=\"([^\"]+)\""), html);
        assertThat(codes).containsExactly(PublicChains.PIG_LOT, PublicChains.SLAUGHTER_LOT, PublicChains.WHOLESALE_LOT,
                PublicChains.RETAIL_LOT, PublicChains.SALE, PublicChains.GAP_WHOLESALE_LOT, PublicChains.ELEVATOR);
        assertThat(all(Pattern.compile("<span class=\"label-product\">([^<]*)</span>"), html))
                .containsExactly("生猪", "白条猪", "白条猪", "猪后腿肉", "猪后腿肉", "猪后腿肉", "电梯");
        List<String> svgs = all(Pattern.compile("(<svg .*?</svg>)", Pattern.DOTALL), html);
        assertThat(svgs).hasSize(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            BufferedImage drawn = QrDecoders.rasterise(svgs.get(i), 5);
            assertThat(QrDecoders.zxing(drawn)).isEqualTo(links.pageOf(codes.get(i)));
            assertThat(QrDecoders.zbar(drawn, work)).containsExactly(PUBLIC_BASE_URL + "/t/" + codes.get(i));
        }
        assertThat(html).doesNotContain(PRIVATE).doesNotContain("下一页");

        // a page at a time: the second page of five
        String second = viewer.get().uri("/batches/{id}/labels?page=2&size=5", BATCH_ID).retrieve().body(String.class);
        assertThat(all(Pattern.compile("data-trace-code=\"([^\"]+)\""), second)).containsExactly(PublicChains.GAP_WHOLESALE_LOT,
                PublicChains.ELEVATOR);
        assertThat(second).contains("<span class=\"label-count\">7</span>", "<span class=\"page\">2</span>", "上一页")
                .doesNotContain("下一页");
        assertThat(all(Pattern.compile("data-trace-code=\"([^\"]+)\""),
                viewer.get().uri("/batches/{id}/labels?page=99&size=5", BATCH_ID).retrieve().body(String.class)))
                .as("beyond the last page: the last page").hasSize(2);

        ResponseEntity<String> unknown = viewer.get().uri("/batches/{id}/labels", "20261127-ffffffffff").retrieve().toEntity(String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("批次不存在");
    }

    /** What the test checks while every permit is held. */
    @FunctionalInterface
    interface WhileHeld {
        void check() throws Exception;
    }

    /**
     * Runs {@code whileHeld} while {@code permits} threads each hold a permit of a limit ({@code run}: its
     * {@code run(Supplier)}), then lets them go and waits for them.
     */
    private static void whileEveryPermitIsHeld(int permits, Function<Supplier<Boolean>, Boolean> run, WhileHeld whileHeld)
            throws Exception {
        CountDownLatch running = new CountDownLatch(permits);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(permits);
        try {
            for (int i = 0; i < permits; i++) {
                holders.submit(() -> run.apply(() -> {
                    running.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            whileHeld.check();
        } finally {
            release.countDown();
            holders.shutdown();
            assertThat(holders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The consumer page's stylesheet link, as the page gives it. */
    private static String stylesheetOf(String page) {
        Matcher link = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\"").matcher(page);
        assertThat(link.find()).as("a stylesheet link").isTrue();
        return link.group(1);
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Map<String, Object>> events(Map<String, Object> chain) {
        return events(chain, "events");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> chain, String key) {
        return (List<Map<String, Object>>) chain.get(key);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
