package org.tracehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.hub.HubTestUsers;
import org.tracehub.platform.testing.MutableClock;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drop-box's lockout over HTTP, through the real filter chain: a sender's drop-box account is also an HTTP user with
 * the same password, so wrong passwords over HTTP Basic lock it as on SFTP (and on SFTP), the console's form is locked
 * too, and the lock runs out after {@code hub.sftp.lockout.duration} on the hub's clock, which the test moves. A context
 * of its own: its clock, its data dir and its address's lock must not reach the shared console context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HttpSignInLockoutTest {

    private static final String SOURCE = "lockout-src";
    private static final String PASSWORD = "lockout-secret";
    /** The account a guesser tries while naming another client address in each request. */
    private static final String GUESSED = "lockout-xff";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
        String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
        registry.add("hub.sftp.accounts." + SOURCE + ".password-hash", () -> hash);
        registry.add("hub.sftp.accounts." + GUESSED + ".password-hash", () -> hash);
    }

    @TestConfiguration
    static class MovableClock {

        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    DropBoxLifecycle dropBox;

    @Autowired
    JsonMapper json;

    @Autowired
    org.tracehub.hub.sftp.LoginLockout lockout;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void sixWrongBasicPasswordsLockTheSenderOnHttpAndSftpUntilTheLockoutPeriodHasPassed() throws Exception {
        double refusedBefore = refusedLogins();
        String ownSource = "/api/sources/" + SOURCE;
        assertThat(basic(ownSource, SOURCE, PASSWORD).statusCode()).isEqualTo(200);
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> wrong = basic(ownSource, SOURCE, "guess-" + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(code(wrong)).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(basic(ownSource, SOURCE, "guess-6").statusCode()).isEqualTo(429);

        HttpResponse<String> right = basic(ownSource, SOURCE, PASSWORD);
        assertThat(right.statusCode()).as("the right password while locked").isEqualTo(429);
        assertThat(right.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(code(right)).isEqualTo("LOGIN_LOCKED");
        assertThat(json.readTree(right.body()).get("detail").asString()).isEqualTo("登录失败次数过多，请15分钟后再试");
        assertThat(right.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(right.headers().firstValue("WWW-Authenticate")).isEmpty();

        // the same lock holds on the drop-box and on the console's form, for this account only: others signing in from
        // the same address (a market group's gateway) are not locked by one sender's typos
        assertThatThrownBy(() -> sftpLogin(SOURCE, PASSWORD)).as("SFTP with the right password").isInstanceOf(Exception.class);
        assertThat(formSignIn(SOURCE, PASSWORD)).hasValueSatisfying(location -> assertThat(location).endsWith("/login?locked"));
        assertThat(formSignIn(HubTestUsers.ADMIN.username(), HubTestUsers.ADMIN.password()))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console"));
        String loginPage = http.send(HttpRequest.newBuilder(uri("/login?locked")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(loginPage).contains("id=\"login-locked\"").contains("登录失败次数过多").contains("15分钟后再试");

        ((MutableClock) clock).advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(basic(ownSource, SOURCE, PASSWORD).statusCode()).isEqualTo(200);
        sftpLogin(SOURCE, PASSWORD);
        assertThat(formSignIn(HubTestUsers.ADMIN.username(), HubTestUsers.ADMIN.password()))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console"));
        // every refusal counted, the locked ones too: five wrong passwords, two Basic sign-ins and the form while locked
        assertThat(refusedLogins() - refusedBefore).isEqualTo(8.0);
    }

    @Test
    void aGuesserCannotDodgeTheLockByNamingAnotherClientAddressInXForwardedForByDefault() throws Exception {
        String ownSource = "/api/sources/" + GUESSED;
        for (int i = 1; i <= 5; i++) {
            assertThat(basic(ownSource, GUESSED, "guess-" + i, "203.0.113." + i).statusCode()).isEqualTo(401);
        }

        assertThat(basic(ownSource, GUESSED, PASSWORD, "203.0.113.6").statusCode())
                .as("the right password, from yet another address the header names").isEqualTo(429);
        assertThat(lockout.isLocked(GUESSED, "127.0.0.1")).as("the connection's address is the one counted").isTrue();
        assertThat(lockout.isLocked(GUESSED, "203.0.113.1")).isFalse();
    }

    /** {@code tracehub_http_logins_refused_total} as the scrape shows it now. */
    private double refusedLogins() throws Exception {
        String scrape = basic("/actuator/prometheus", HubTestUsers.ADMIN.username(), HubTestUsers.ADMIN.password()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^tracehub_http_logins_refused_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private HttpResponse<String> basic(String path, String user, String password) throws Exception {
        return basic(path, user, password, null);
    }

    /** With an {@code X-Forwarded-For} header naming {@code forwardedFor}, when not null. */
    private HttpResponse<String> basic(String path, String user, String password, String forwardedFor) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + credentials).GET();
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String code(HttpResponse<String> problem) {
        return json.readTree(problem.body()).get("code").asString();
    }

    /** Signs in through the console's form as a browser does; where the answer sends the browser. */
    private java.util.Optional<String> formSignIn(String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String marker = "name=\"_csrf\" value=\"";
        int from = page.indexOf(marker) + marker.length();
        String token = page.substring(from, page.indexOf('"', from));
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location");
    }

    private void sftpLogin(String user, String password) throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> true);
            client.start();
            try (ClientSession session = client.connect(user, "127.0.0.1", dropBox.server().port()).verify(Duration.ofSeconds(10))
                    .getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(Duration.ofSeconds(10));
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
