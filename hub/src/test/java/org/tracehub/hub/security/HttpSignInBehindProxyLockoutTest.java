package org.tracehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.hub.sftp.LoginLockout;
import org.tracehub.platform.testing.LoggedEvents;

/**
 * The hub behind a reverse proxy as hub/README.md says to configure it ({@code server.forward-headers-strategy=native},
 * the proxy's address in {@code server.tomcat.remoteip.internal-proxies}): the sign-in lockout counts the client the
 * proxy names in {@code X-Forwarded-For}, so one client's failures lock neither every client behind the proxy nor the
 * others' accounts; a request that does not come from the proxy is counted by its own address whatever it names. The
 * proxy is 127.0.0.1; the other client connects from 127.0.0.2 (loopback). A context of its own: its settings and locks.
 * {@code HttpSignInLockoutTest} has the default, where the header changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HttpSignInBehindProxyLockoutTest {

    private static final String PASSWORD = "proxy-secret";
    private static final String SENDER = "proxied-src";
    private static final String BYPASSER = "unproxied-src";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
        String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
        registry.add("hub.sftp.accounts." + SENDER + ".password-hash", () -> hash);
        registry.add("hub.sftp.accounts." + BYPASSER + ".password-hash", () -> hash);
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    LoginLockout lockout;

    @Test
    void theLockoutCountsTheClientTheProxyNamesInXForwardedFor() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(basic("127.0.0.1", SENDER, "guess-" + i, "203.0.113.5")).isEqualTo(401);
        }

        assertThat(basic("127.0.0.1", SENDER, PASSWORD, "203.0.113.5")).as("the guesser's address is locked").isEqualTo(429);
        assertThat(basic("127.0.0.1", SENDER, PASSWORD, "198.51.100.7")).as("the sender behind the same proxy is not").isEqualTo(200);
        assertThat(lockout.isLocked(SENDER, "203.0.113.5")).isTrue();
        assertThat(lockout.isLocked(SENDER, "127.0.0.1")).as("nor is the proxy").isFalse();
    }

    @Test
    void aClientThatIsNotTheProxyIsCountedByItsOwnAddressWhateverItNames() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(basic("127.0.0.2", BYPASSER, "guess-" + i, "203.0.113." + (10 + i))).isEqualTo(401);
        }

        assertThat(basic("127.0.0.2", BYPASSER, PASSWORD, "203.0.113.20")).isEqualTo(429);
        assertThat(lockout.isLocked(BYPASSER, "127.0.0.2")).isTrue();
        assertThat(lockout.isLocked(BYPASSER, "203.0.113.11")).isFalse();
    }

    @Test
    void aThousandSignInsFromALockedAddressWriteAtMostTwoLogLinesNamingNoUnknownName() throws Exception {
        String guesser = "203.0.113.99";
        // as long as Tomcat's 8 KB of request headers lets a Basic name be, base64 and all
        String longName = "n".repeat(2_000);
        List<String> failures = linesAbout(guesser, () -> {
            for (int i = 0; i < 30; i++) {
                assertThat(basic("127.0.0.1", longName + i, "guess", guesser)).isEqualTo(401);
            }
        });
        assertThat(failures).as("each failure, and the lock they started").hasSize(31)
                .allSatisfy(line -> assertThat(line).hasSizeLessThan(300).contains("未知用户/unknown user")
                        .containsPattern("\\(200[12] chars\\)").doesNotContain("nnn"));

        List<String> locked = linesAbout(guesser, () -> {
            for (int i = 0; i < 1_000; i++) {
                assertThat(basic("127.0.0.1", longName + "-" + i, "guess", guesser)).isEqualTo(429);
            }
        });

        // one a minute over every lock, with the count: none at all when another lock's refusal was reported just before
        assertThat(locked).hasSizeLessThanOrEqualTo(2).allSatisfy(line -> assertThat(line).hasSizeLessThan(300));
    }

    /** What is logged while {@code requests} run, on the lines that name the client's address. */
    private static List<String> linesAbout(String address, ThrowingRunnable requests) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            requests.run();
        } finally {
            root.detachAppender(log);
        }
        return LoggedEvents.of(log).stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(address)).toList();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * A Basic-authenticated GET of the account's source sent from {@code localAddress} with {@code X-Forwarded-For}
     * naming {@code forwardedFor}; its status. A plain socket: the JDK's HTTP client of Java 17 cannot choose the address
     * it connects from.
     */
    private int basic(String localAddress, String user, String password, String forwardedFor) throws IOException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/sources/" + user + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic " + credentials
                    + "\r\nX-Forwarded-For: " + forwardedFor + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            // HTTP/1.1 401 …
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
