package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracehub.hub.HubTestUsers;

/**
 * Every endpoint × every role, with the status each must get. Anonymous callers of the API get a
 * 401 problem, of console pages a redirect to the sign-in page; a role that may not gets 403; a
 * sender (role SOURCE, xj-clerk for meat-wholesale-xj) reaches its own source's batches only.
 * Where a role is let through, the status is the endpoint's own answer (200, 202, 404 for an
 * unknown trace code, 409 for a retry of a batch that did not fail …), which proves the request
 * reached the controller.
 */
class AuthorizationMatrixTest extends ConsoleTestSupport {

    /** The callers: nobody, the three staff roles, a sender. */
    enum Caller {
        ANONYMOUS(null), VIEWER(HubTestUsers.VIEWER), OPERATOR(HubTestUsers.OPERATOR), ADMIN(HubTestUsers.ADMIN),
        SOURCE(HubTestUsers.XJ_CLERK);

        final HubTestUsers user;

        Caller(HubTestUsers user) {
            this.user = user;
        }
    }

    /** Console (not API) answer to an anonymous caller: the sign-in page. */
    static final int LOGIN = 302;
    private static final String OTHER_SOURCE = "meat-security";
    /** A lot of the sample export every test class here loads. */
    private static final String KNOWN_CODE = "XJM2611270001";
    private static String ownBatch;
    private static String otherBatch;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void batches() {
        synchronized (AuthorizationMatrixTest.class) {
            if (ownBatch == null) {
                ownBatch = ingestSample(HubTestUsers.XJ_SOURCE);
                otherBatch = ingestSample(OTHER_SOURCE);
            }
        }
    }

    /** One request and what each caller gets: anonymous, viewer, operator, admin, sender. */
    record Row(String method, String path, int anonymous, int viewer, int operator, int admin, int source) {

        Map<Caller, Integer> expected() {
            Map<Caller, Integer> e = new EnumMap<>(Caller.class);
            e.put(Caller.ANONYMOUS, anonymous);
            e.put(Caller.VIEWER, viewer);
            e.put(Caller.OPERATOR, operator);
            e.put(Caller.ADMIN, admin);
            e.put(Caller.SOURCE, source);
            return e;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Row> readEndpoints() {
        String own = "{own}";
        String other = "{other}";
        List<Row> rows = new ArrayList<>(List.of(
                // public
                new Row("GET", "/t/NO-SUCH-LOT", 404, 404, 404, 404, 404),
                // a label printer's capitals: to the page, never to the sign-in page
                new Row("GET", "/T/NO-SUCH-LOT", 301, 301, 301, 301, 301),
                new Row("GET", "/api/trace/NO-SUCH-LOT", 404, 404, 404, 404, 404),
                new Row("GET", "/qr/XJM2611270001.png", 200, 200, 200, 200, 200),
                new Row("GET", "/qr/XJM2611270001.svg", 200, 200, 200, 200, 200),
                new Row("GET", "/css/trace.css", 200, 200, 200, 200, 200),
                // scanner apps and link previews ask with HEAD first: answered like GET, never sent to the sign-in page
                new Row("HEAD", "/t/" + KNOWN_CODE, 200, 200, 200, 200, 200),
                new Row("HEAD", "/t/NO-SUCH-LOT", 404, 404, 404, 404, 404),
                new Row("HEAD", "/T/" + KNOWN_CODE, 301, 301, 301, 301, 301),
                new Row("HEAD", "/api/trace/" + KNOWN_CODE, 200, 200, 200, 200, 200),
                new Row("HEAD", "/api/trace/NO-SUCH-LOT", 404, 404, 404, 404, 404),
                new Row("HEAD", "/qr/" + KNOWN_CODE + ".png", 200, 200, 200, 200, 200),
                new Row("HEAD", "/qr/" + KNOWN_CODE + ".svg", 200, 200, 200, 200, 200),
                new Row("HEAD", "/css/trace.css", 200, 200, 200, 200, 200),
                new Row("GET", "/console/console.css", 200, 200, 200, 200, 200),
                new Row("GET", "/console/console.js", 200, 200, 200, 200, 200),
                new Row("GET", "/login", 200, 200, 200, 200, 200),
                new Row("GET", "/actuator/health", 200, 200, 200, 200, 200),
                // operations
                new Row("GET", "/actuator/prometheus", 401, 403, 200, 200, 403),
                new Row("GET", "/actuator/info", 401, 403, 403, 200, 403),
                new Row("GET", "/v3/api-docs", 401, 200, 200, 200, 200),
                new Row("GET", "/swagger-ui/index.html", LOGIN, 200, 200, 200, 200),
                // sources
                new Row("GET", "/api/sources", 401, 200, 200, 200, 200),
                new Row("GET", "/api/sources/" + HubTestUsers.XJ_SOURCE, 401, 200, 200, 200, 200),
                new Row("GET", "/api/sources/" + OTHER_SOURCE, 401, 200, 200, 200, 403),
                // batches
                new Row("GET", "/api/batches", 401, 200, 200, 200, 200),
                new Row("GET", "/api/audit", 401, 403, 403, 200, 403),
                new Row("GET", "/console", LOGIN, 200, 200, 200, 403),
                new Row("GET", "/console/batches", LOGIN, 200, 200, 200, 403),
                new Row("GET", "/console/sources", LOGIN, 200, 200, 200, 403),
                new Row("GET", "/console/sources/" + HubTestUsers.XJ_SOURCE, LOGIN, 200, 200, 200, 403),
                new Row("GET", "/console/audit", LOGIN, 403, 403, 200, 403),
                new Row("GET", "/console/dry-run", LOGIN, 403, 403, 200, 403),
                // a source's bulk reprocess: admins only, its own sender included (the requests name who asked)
                new Row("GET", "/api/sources/" + HubTestUsers.XJ_SOURCE + "/reprocess", 401, 403, 403, 200, 403),
                new Row("GET", "/api/sources/" + HubTestUsers.XJ_SOURCE + "/reprocess/R20261202-0000000000", 401, 403, 403, 404, 403),
                new Row("GET", "/console/sources/" + HubTestUsers.XJ_SOURCE + "/reprocess?from=2001-01-01&to=2001-01-01",
                        LOGIN, 403, 403, 200, 403),
                // anything not in the table is closed
                new Row("GET", "/no-such-page", LOGIN, 403, 403, 403, 403),
                new Row("GET", "/api/no-such-endpoint", 401, 403, 403, 403, 403)));
        for (String suffix : List.of("", "/errors", "/progress", "/executions", "/receipt.csv", "/receipt.xml")) {
            rows.add(new Row("GET", "/api/batches/" + own + suffix, 401, 200, 200, 200, 200));
            rows.add(new Row("GET", "/api/batches/" + other + suffix, 401, 200, 200, 200, 403));
        }
        // a file as sent and the refused rows' cells hold personal data: not for a viewer
        for (String suffix : List.of("/errors.xlsx", "/original")) {
            rows.add(new Row("GET", "/api/batches/" + own + suffix, 401, 403, 200, 200, 200));
            rows.add(new Row("GET", "/api/batches/" + other + suffix, 401, 403, 200, 200, 403));
        }
        rows.add(new Row("GET", "/batches/" + own + "/labels", LOGIN, 200, 200, 200, 200));
        rows.add(new Row("GET", "/batches/" + other + "/labels", LOGIN, 200, 200, 200, 403));
        for (String suffix : List.of("", "/progress", "/receipt.csv", "/receipt.xml")) {
            rows.add(new Row("GET", "/console/batches/" + own + suffix, LOGIN, 200, 200, 200, 403));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readEndpoints")
    void everyRoleGetsItsStatusFromEveryReadEndpoint(Row row) throws Exception {
        String path = row.path().replace("{own}", ownBatch).replace("{other}", otherBatch);
        Map<Caller, Integer> actual = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            actual.put(caller, send(caller, HttpRequest.newBuilder(uri(path)).method(row.method(), HttpRequest.BodyPublishers.noBody()))
                    .statusCode());
        }
        assertThat(actual).as(row.toString()).isEqualTo(row.expected());
    }

    @Test
    void anAnonymousHeadOfAPublicPathIsAnsweredAsItsGetWouldBeNeitherRedirectedNorChallenged() throws Exception {
        for (String path : List.of("/t/" + KNOWN_CODE, "/t/NO-SUCH-LOT", "/api/trace/" + KNOWN_CODE, "/api/trace/NO-SUCH-LOT",
                "/qr/" + KNOWN_CODE + ".png", "/css/trace.css")) {
            HttpResponse<String> head = send(Caller.ANONYMOUS,
                    HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> get = send(Caller.ANONYMOUS, HttpRequest.newBuilder(uri(path)).GET());
            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
            assertThat(head.headers().firstValue("Location")).as(path).isEmpty();
            assertThat(head.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.body()).as(path).isEmpty();
        }
    }

    @Test
    void onlyTheAdminReprocesses() throws Exception {
        String path = "/api/batches/" + ownBatch + "/reprocess";
        assertThat(statuses("POST", path, null)).isEqualTo(expected(401, 403, 403, 202, 403));
    }

    @Test
    void onlyTheAdminAsksForABulkReprocessOrCancelsOne() throws Exception {
        // a period with no batch: the admin is answered by the selection (409), not refused by security
        String path = "/api/sources/" + HubTestUsers.XJ_SOURCE + "/reprocess?from=2001-01-01&to=2001-01-31";
        assertThat(statuses("POST", path, null)).isEqualTo(expected(401, 403, 403, 409, 403));
        String cancel = "/api/sources/" + HubTestUsers.XJ_SOURCE + "/reprocess/R20261202-0000000000/cancel";
        assertThat(statuses("POST", cancel, null)).isEqualTo(expected(401, 403, 403, 404, 403));
    }

    @Test
    void basicCredentialsABrowserSendsByItselfDoNotLetAnotherSitesPagePostWithoutAToken() throws Exception {
        String retry = "/api/batches/" + otherBatch + "/retry";
        // a form on another site posting to the hub: the browser adds the Basic credentials it was once asked for
        for (String[] foreign : List.of(new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Sec-Fetch-Site", "same-site"},
                new String[] {"Origin", "https://evil.example"}, new String[] {"Origin", "null"})) {
            HttpResponse<String> forged = send(Caller.OPERATOR, HttpRequest.newBuilder(uri(retry)).header(foreign[0], foreign[1])
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(forged.statusCode()).as(String.join(": ", foreign)).isEqualTo(403);
        }
        // the hub's own pages and scripts: answered by the batch's state (409), not refused by security
        for (String[] own : List.of(new String[] {"Sec-Fetch-Site", "same-origin"}, new String[] {"Sec-Fetch-Site", "none"},
                new String[] {"Origin", "http://localhost:" + port})) {
            HttpResponse<String> allowed = send(Caller.OPERATOR, HttpRequest.newBuilder(uri(retry)).header(own[0], own[1])
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(allowed.statusCode()).as(String.join(": ", own)).isEqualTo(409);
        }
    }

    @Test
    void operatorsAndAdminsRetryAndAreAnsweredByTheBatchsState() throws Exception {
        // the batch loaded, so a permitted retry is refused by the batch's state (409), not by security
        String path = "/api/batches/" + otherBatch + "/retry";
        assertThat(statuses("POST", path, null)).isEqualTo(expected(401, 403, 409, 409, 403));
    }

    @Test
    void aSenderUploadsForItsOwnSourceAndTheAdminForAny() throws Exception {
        assertThat(statuses("POST", "/api/sources/" + HubTestUsers.XJ_SOURCE + "/files", "file"))
                .isEqualTo(expected(401, 403, 403, 202, 202));
        assertThat(statuses("POST", "/api/sources/" + OTHER_SOURCE + "/files", "file"))
                .isEqualTo(expected(401, 403, 403, 202, 403));
    }

    @Test
    void onlyTheAdminBacksUpTheDatabaseAndClearsDeadLetters() throws Exception {
        assertThat(statuses("POST", "/api/admin/database-backup", null)).isEqualTo(expected(401, 403, 403, 201, 403));
        assertThat(statuses("POST", "/api/admin/dead-letters/clear", null)).isEqualTo(expected(401, 403, 403, 200, 403));
    }

    @Test
    void onlyTheAdminRunsSpecDryRuns() throws Exception {
        // no parts: a permitted caller is answered by the endpoint's own validation
        assertThat(statuses("POST", "/api/specs/dry-run", "comment")).isEqualTo(expected(401, 403, 403, 400, 403));
        // console form posts without a session carry no CSRF token; Basic-authenticated scripts need none
        assertThat(statuses("POST", "/console/dry-run", "comment")).isEqualTo(expected(403, 403, 403, 200, 403));
    }

    @Test
    void aSenderListsOnlyItsOwnSourceAndItsBatches() throws Exception {
        String sources = send(Caller.SOURCE, HttpRequest.newBuilder(uri("/api/sources")).GET()).body();
        assertThat(sources).contains("\"id\":\"" + HubTestUsers.XJ_SOURCE + "\"").doesNotContain(OTHER_SOURCE);

        String asked = send(Caller.SOURCE, HttpRequest.newBuilder(uri("/api/batches?source=" + OTHER_SOURCE)).GET()).body();
        assertThat(asked).contains(ownBatch).doesNotContain(otherBatch).doesNotContain("\"sourceId\":\"" + OTHER_SOURCE);

        String staff = send(Caller.VIEWER, HttpRequest.newBuilder(uri("/api/batches?source=" + OTHER_SOURCE)).GET()).body();
        assertThat(staff).contains(otherBatch).doesNotContain(ownBatch);
    }

    @Test
    void refusalsAreProblemDocumentsAndRefusedChangesAreAudited() throws Exception {
        HttpResponse<String> anonymous = send(Caller.ANONYMOUS, HttpRequest.newBuilder(uri("/api/batches")).GET());
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(anonymous.body()).contains("\"code\":\"UNAUTHENTICATED\"").contains("需要登录");

        HttpResponse<String> viewer = send(Caller.VIEWER, HttpRequest.newBuilder(uri("/api/batches/" + otherBatch + "/reprocess"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.body()).contains("\"code\":\"ACCESS_DENIED\"").contains("无权执行此操作");

        String audit = send(Caller.ADMIN, HttpRequest.newBuilder(uri("/api/audit?batch=" + otherBatch)).GET()).body();
        assertThat(audit).contains("\"who\":\"viewer\"").contains("\"action\":\"ACCESS_DENIED\"").contains("\"outcome\":403");
    }

    @Test
    void theConsoleShowsEachRoleOnlyWhatItMayDo() throws Exception {
        // the other batch: no test here reprocesses it, so it stays LOADED and reprocessable
        String batchPage = "/console/batches/" + otherBatch;
        String admin = send(Caller.ADMIN, HttpRequest.newBuilder(uri(batchPage)).GET()).body();
        String operator = send(Caller.OPERATOR, HttpRequest.newBuilder(uri(batchPage)).GET()).body();
        String viewer = send(Caller.VIEWER, HttpRequest.newBuilder(uri(batchPage)).GET()).body();

        assertThat(admin).contains("id=\"reprocess\"").contains("/console/audit").contains("id=\"current-user\">admin（管理员）");
        assertThat(operator).doesNotContain("id=\"reprocess\"").doesNotContain("/console/audit").contains("运维人员");
        assertThat(viewer).doesNotContain("id=\"reprocess\"").doesNotContain("/console/dry-run").contains("当前角色不能重新处理或重试批次")
                .doesNotContain("id=\"download-original\"").doesNotContain("id=\"download-errors\"");
        assertThat(operator).contains("id=\"download-original\"").contains("id=\"download-errors\"");
    }

    @Test
    void theHealthPageShowsItsDetailsToStaffOnly() throws Exception {
        for (Caller caller : Caller.values()) {
            HttpResponse<String> health = send(caller, HttpRequest.newBuilder(uri("/actuator/health")).GET());
            assertThat(health.statusCode()).as(caller.name()).isEqualTo(200);
            // every component's status is public; what it found (the drop-box's key, a pull's failure, the disk) is not
            assertThat(health.body()).as(caller.name()).contains("\"sftp\"", "\"diskSpace\"", "\"brokerDisk\"");
            boolean staff = caller == Caller.VIEWER || caller == Caller.OPERATOR || caller == Caller.ADMIN;
            if (staff) {
                assertThat(health.body()).as(caller.name()).contains("\"hostKey\"", "\"free\"", "\"minDiskFree\"");
            } else {
                assertThat(health.body()).as(caller.name()).doesNotContain("\"details\"", "hostKey", "\"free\"");
            }
        }
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        for (String path : List.of("/console", "/t/NO-SUCH-LOT", "/login")) {
            HttpResponse<String> page = send(Caller.ADMIN, HttpRequest.newBuilder(uri(path)).GET());
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    @Test
    void aSignedInConsoleSessionMustSendTheCsrfTokenWithChanges() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new java.net.CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String formToken = between(loginPage, "name=\"_csrf\" value=\"", "\"");
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password=" + HubTestUsers.OPERATOR.password() + "&_csrf=" + formToken))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));

        String retry = "/api/batches/" + otherBatch + "/retry";
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(uri(retry)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a POST riding on the session cookie alone").isEqualTo(403);

        String console = browser.send(HttpRequest.newBuilder(uri("/console")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String token = between(console, "name=\"csrf-token\" content=\"", "\"");
        String header = between(console, "name=\"csrf-header\" content=\"", "\"");
        HttpResponse<String> fromThePage = browser.send(HttpRequest.newBuilder(uri(retry)).header(header, token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromThePage.statusCode()).as("the console's own request: let through, answered by the batch's state").isEqualTo(409);
    }

    @Test
    void aStaleCsrfTokenIsAnExpiredPageNotARoleRefusalAndIsAuditedAsSuch() throws Exception {
        HttpClient browser = signedIn(HubTestUsers.ADMIN);
        long before = auditRows("CSRF_REFUSED", "admin");

        // the page's token is from before the admin signed in again in another tab
        HttpResponse<String> api = browser.send(HttpRequest.newBuilder(uri("/api/batches/" + otherBatch + "/retry"))
                .header("X-CSRF-TOKEN", "token-of-the-earlier-session").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.body()).contains("\"code\":\"CSRF_TOKEN_INVALID\"").contains("页面已过期，请刷新后重试")
                .doesNotContain("角色");

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/console/dry-run")).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-TOKEN", "token-of-the-earlier-session")
                .POST(HttpRequest.BodyPublishers.ofString("limit=20")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("页面已过期，请刷新后重试").contains("CSRF_TOKEN_INVALID").doesNotContain("角色不允许");

        assertThat(auditRows("CSRF_REFUSED", "admin") - before).isEqualTo(2);
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'CSRF_REFUSED' AND who = 'admin' ORDER BY id DESC")
                .query(String.class).list()).startsWith("POST /console/dry-run", "POST /api/batches/" + otherBatch + "/retry");
        assertThat(org.tracehub.hub.audit.AuditActions.chinese("CSRF_REFUSED")).isNotEqualTo("被拒绝的操作");
    }

    @Test
    void aRefusedPostOnAConsolePathIsAuditedAsTheApisAre() throws Exception {
        long before = auditRows("ACCESS_DENIED", "viewer");

        // the dry-run page is for admins; a viewer's script posts to it
        HttpResponse<String> refused = send(Caller.VIEWER, HttpRequest.newBuilder(uri("/console/dry-run"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("limit=20")));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(auditRows("ACCESS_DENIED", "viewer") - before).isEqualTo(1);
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'ACCESS_DENIED' AND who = 'viewer' ORDER BY id DESC "
                + "FETCH FIRST 1 ROWS ONLY").query(String.class).single()).isEqualTo("POST /console/dry-run");
    }

    @Test
    void anAnonymousPostIsRefusedWithItsProblemButWritesNoAuditRow() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();

        // no credentials, no session: the CSRF check refuses each before anything else looks at it
        for (String path : List.of("/t/x", "/console/batches/" + ownBatch + "/x", "/console/dry-run", "/login")) {
            HttpResponse<String> refused = send(Caller.ANONYMOUS, HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).as(path).contains("\"code\":\"CSRF_TOKEN_INVALID\"");
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aBrowserRefusedAConsolePageSeesTheChineseErrorPageWhileTheApiAndScriptsGetTheProblem() throws Exception {
        String browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        long before = auditRows("ACCESS_DENIED", "viewer");

        // a sender signed in opens the console, a viewer the admins' audit page
        for (Caller caller : List.of(Caller.SOURCE, Caller.VIEWER)) {
            HttpResponse<String> page = send(caller, HttpRequest.newBuilder(uri("/console/audit")).header("Accept", browserAccept).GET());
            assertThat(page.statusCode()).as(caller.name()).isEqualTo(403);
            assertThat(page.headers().firstValue("Content-Type")).as(caller.name())
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).as(caller.name()).contains("id=\"forbidden\"", "无权访问", "当前用户的角色不允许", "ACCESS_DENIED",
                    "/console/audit").doesNotContain("\"code\"", "Whitelabel");
        }
        // a refused POST from the browser is still audited before the page is shown
        HttpResponse<String> post = send(Caller.VIEWER, HttpRequest.newBuilder(uri("/console/dry-run")).header("Accept", browserAccept)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("limit=20")));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("无权访问");
        assertThat(auditRows("ACCESS_DENIED", "viewer") - before).isEqualTo(1);

        HttpResponse<String> api = send(Caller.VIEWER, HttpRequest.newBuilder(uri("/api/audit")).header("Accept", browserAccept).GET());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.body()).contains("\"code\":\"ACCESS_DENIED\"");

        HttpResponse<String> script = send(Caller.VIEWER, HttpRequest.newBuilder(uri("/console/audit")).GET());
        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(script.body()).as("a caller that does not ask for HTML").contains("\"code\":\"ACCESS_DENIED\"");
    }

    @Test
    void theBatchPagesProgressPollIsAnswered401InJsonOnceItsSessionHasExpiredNotSentToTheSignInPage() throws Exception {
        HttpClient browser = signedIn(HubTestUsers.VIEWER);
        HttpRequest poll = HttpRequest.newBuilder(uri("/console/batches/" + ownBatch + "/progress")).header("Accept", "application/json")
                .GET().build();
        assertThat(browser.send(poll, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        // the session times out while the batch page stays open: the browser still sends its cookie, which names no session
        HttpClient expiredBrowser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        poll = HttpRequest.newBuilder(poll.uri()).header("Accept", "application/json").header("Cookie", "JSESSIONID=" + "0".repeat(32))
                .GET().build();
        HttpResponse<String> expired = expiredBrowser.send(poll, HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(expired.body()).contains("\"code\":\"SESSION_EXPIRED\"").contains("会话已过期，请重新登录");
        assertThat(expired.headers().firstValue("WWW-Authenticate")).as("no Basic prompt in the browser").isEmpty();
        assertThat(expired.headers().firstValue("Location")).isEmpty();
        // the page itself still leads a browser to the sign-in form
        HttpResponse<String> reload = expiredBrowser.send(HttpRequest.newBuilder(uri("/console/batches/" + ownBatch))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").header("Cookie", "JSESSIONID=" + "0".repeat(32)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).isEqualTo(LOGIN);
        assertThat(reload.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    /** A browser signed in through the console's form, with its session cookie. */
    @Test
    void aSenderSeesItsBatchsJobRunsWithoutTheExceptionsTheAdminsRead() throws Exception {
        String id = ingestSample(HubTestUsers.XJ_SOURCE);
        // as a run that failed on the server leaves it: the exception's class and message, a server path in it
        String description = "java.nio.file.AccessDeniedException: /srv/tracehub/data/archive/2026/12/01/" + id;
        assertThat(jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET EXIT_MESSAGE = ? WHERE JOB_EXECUTION_ID IN (SELECT JOB_EXECUTION_ID "
                + "FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'batchId' AND PARAMETER_VALUE = ?)")
                .params(description, id).update()).isPositive();

        String admin = HubTestUsers.ADMIN.client("http://localhost:" + port).build().get().uri("/api/batches/{id}/executions", id)
                .retrieve().body(String.class);
        String sender = HubTestUsers.XJ_CLERK.client("http://localhost:" + port).build().get()
                .uri("/api/batches/{id}/executions", id).retrieve().body(String.class);

        assertThat(admin).contains("AccessDeniedException").contains("/srv/tracehub/data");
        assertThat(sender).contains("\"jobName\":\"importJob\"").contains("\"exitCode\":\"COMPLETED\"")
                .doesNotContain("AccessDeniedException").doesNotContain("/srv/tracehub");
    }

    private HttpClient signedIn(HubTestUsers user) throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new java.net.CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String formToken = between(loginPage, "name=\"_csrf\" value=\"", "\"");
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user.username() + "&password=" + user.password() + "&_csrf=" + formToken))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        return browser;
    }

    private long auditRows(String action, String who) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND who = ? AND outcome = 403").params(action, who)
                .query(Long.class).single();
    }

    private Map<Caller, Integer> statuses(String method, String path, String part) throws Exception {
        Map<Caller, Integer> actual = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
            if (part == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String boundary = "----tracehub" + UUID.randomUUID();
                request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, part)));
            }
            actual.put(caller, send(caller, request).statusCode());
        }
        return actual;
    }

    private static Map<Caller, Integer> expected(int anonymous, int viewer, int operator, int admin, int source) {
        return new Row("", "", anonymous, viewer, operator, admin, source).expected();
    }

    /** One part named {@code name}; a "file" part is a fresh copy of the sample, so no upload is a duplicate. */
    private static byte[] multipart(String boundary, String name) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String fileName = name.equals("file") ? "交易明细_20261127.csv" : null;
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName != null ? "; filename=\"" + fileName + "\"" : "") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(fileName != null ? freshSample() : "nothing".getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private HttpResponse<String> send(Caller caller, HttpRequest.Builder request) throws Exception {
        if (caller.user != null) {
            String credentials = caller.user.username() + ":" + caller.user.password();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the page", start).isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
