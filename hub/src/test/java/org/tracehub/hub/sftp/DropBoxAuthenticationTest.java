package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA_PASSWORD;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tracehub.platform.testing.LoggedEvents;

class DropBoxAuthenticationTest {

    private static final String KEYED = "keyed";

    @TempDir
    Path tempDir;

    private KeyPair authorizedKey;
    private DropBoxServer server;

    @BeforeEach
    void start() throws Exception {
        authorizedKey = DropBoxFixture.newClientKey();
        DropBoxAccount keyed = new DropBoxAccount(KEYED, DropBoxFixture.bcrypt("keyed-secret"), List.of(
                "# the market's export server",
                DropBoxFixture.authorizedKeyLine(authorizedKey, "export@market")));
        server = new DropBoxServer(DropBoxFixture.settings(tempDir,
                DropBoxFixture.passwordAccount(ALPHA, ALPHA_PASSWORD), keyed), new RecordingListener());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void acceptsCorrectPassword() throws Exception {
        try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
            assertThat(alpha.session().isAuthenticated()).isTrue();
        }
    }

    @Test
    void refusesWrongPassword() {
        assertThatThrownBy(() -> SftpConnection.withPassword(server.port(), ALPHA, "guess"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void reportsEachRefusedPasswordToItsListenerButNotASuccessfulLogin() throws Exception {
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.onLoginRefused(refused::add);

        assertThatThrownBy(() -> SftpConnection.withPassword(server.port(), ALPHA, "guess")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SftpConnection.withPassword(server.port(), "nobody", ALPHA_PASSWORD)).isInstanceOf(IOException.class);
        try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
            assertThat(alpha.session().isAuthenticated()).isTrue();
        }

        assertThat(refused).containsExactly("password", "password");
    }

    @Test
    void refusesUnknownSource() {
        assertThatThrownBy(() -> SftpConnection.withPassword(server.port(), "nobody", ALPHA_PASSWORD))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesTheBcryptHashItselfAsPassword() {
        String hash = DropBoxFixture.bcrypt("x");
        server.stop();
        server = new DropBoxServer(DropBoxFixture.settings(tempDir, DropBoxAccount.withPassword("hashed", hash)),
                new RecordingListener());
        server.start();

        assertThatThrownBy(() -> SftpConnection.withPassword(server.port(), "hashed", hash))
                .isInstanceOf(IOException.class);
    }

    @Test
    void acceptsAuthorizedPublicKey() throws Exception {
        try (SftpConnection keyed = SftpConnection.withKey(server.port(), KEYED, authorizedKey)) {
            assertThat(keyed.session().isAuthenticated()).isTrue();
            keyed.upload("/inbox/by-key.csv", "k\n");
        }
        assertThat(server.layout().inbox(KEYED).resolve("by-key.csv")).hasContent("k");
    }

    @Test
    void acceptsAnEd25519KeyOpenSshsDefaultType() throws Exception {
        KeyPair ed25519 = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
        server.stop();
        server = new DropBoxServer(DropBoxFixture.settings(tempDir, new DropBoxAccount("edwards", null,
                List.of(DropBoxFixture.authorizedKeyLine(ed25519, "clerk@market")))), new RecordingListener());
        server.start();

        try (SftpConnection edwards = SftpConnection.withKey(server.port(), "edwards", ed25519)) {
            assertThat(edwards.session().isAuthenticated()).isTrue();
        }
        assertThat(DropBoxFixture.authorizedKeyLine(ed25519, "x")).startsWith("ssh-ed25519 ");
    }

    @Test
    void aKeyLineWithOptionsTheDropBoxHoldsAnywayLogsInAndSaysSo() throws Exception {
        KeyPair legacy = DropBoxFixture.newClientKey();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger registryLogger = (Logger) LoggerFactory.getLogger(AccountRegistry.class);
        log.start();
        registryLogger.addAppender(log);
        server.stop();
        try {
            server = new DropBoxServer(DropBoxFixture.settings(tempDir, new DropBoxAccount("legacy", null, List.of(
                    "restrict,no-pty,No-Port-Forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc "
                            + DropBoxFixture.authorizedKeyLine(legacy, "copied@old-server")))), new RecordingListener());
        } finally {
            registryLogger.detachAppender(log);
        }
        server.start();

        try (SftpConnection connection = SftpConnection.withKey(server.port(), "legacy", legacy)) {
            connection.upload("/inbox/legacy.csv", "l\n");
        }
        assertThat(server.layout().inbox("legacy").resolve("legacy.csv")).hasContent("l");
        assertThat(LoggedEvents.of(log)).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("source legacy", "restrict", "holds them anyway");
        });
    }

    @Test
    void refusesPublicKeyNotListedForTheSource() throws Exception {
        KeyPair stranger = DropBoxFixture.newClientKey();
        assertThatThrownBy(() -> SftpConnection.withKey(server.port(), KEYED, stranger))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesAuthorizedKeyOfOneSourceForAnother() {
        assertThatThrownBy(() -> SftpConnection.withKey(server.port(), ALPHA, authorizedKey))
                .isInstanceOf(IOException.class);
    }

    @Test
    @Timeout(30)
    void offersNoShellNoExecAndNoForwarding() throws Exception {
        try (SftpConnection alpha = SftpConnection.withPassword(server.port(), ALPHA, ALPHA_PASSWORD)) {
            ClientSession session = alpha.session();
            // Asking for replies makes the server's refusal visible at once instead of as a silent channel.
            CoreModuleProperties.REQUEST_EXEC_REPLY.set(session, true);
            CoreModuleProperties.REQUEST_SHELL_REPLY.set(session, true);

            assertClosedWithoutRunning(session.createExecChannel("id"));
            assertClosedWithoutRunning(session.createShellChannel());
            assertThatThrownBy(() -> session.startRemotePortForwarding(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", 9)))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> session.createDirectTcpipChannel(
                            new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", 9))
                    .open().verify(SftpConnection.TIMEOUT))
                    .isInstanceOf(IOException.class);
        }
    }

    private static void assertClosedWithoutRunning(ClientChannel channel) throws IOException {
        try (channel) {
            channel.open().verify(SftpConnection.TIMEOUT);
            Set<ClientChannelEvent> events = channel.waitFor(
                    EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), SftpConnection.TIMEOUT);
            assertThat(events).contains(ClientChannelEvent.CLOSED)
                    .doesNotContain(ClientChannelEvent.TIMEOUT, ClientChannelEvent.EXIT_STATUS);
            assertThat(channel.getExitStatus()).isNull();
        }
    }
}
