package org.tracehub.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA;
import static org.tracehub.hub.sftp.DropBoxFixture.ALPHA_PASSWORD;
import static org.tracehub.hub.sftp.DropBoxFixture.BETA;
import static org.tracehub.hub.sftp.DropBoxFixture.BETA_PASSWORD;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tracehub.platform.testing.LoggedEvents;
import org.tracehub.platform.testing.MutableClock;

/**
 * Repeated failed password logins lock the account from that address, or the address, for a while; each lock is logged
 * at WARN. Neither lock refuses a public key, nor the account's right password from another address.
 */
class DropBoxLockoutTest {

    private static final int MAX_FAILURES = 3;
    private static final int MAX_ADDRESS_FAILURES = 5;
    private static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final String KEYED = "keyed";

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private KeyPair key;
    private DropBoxServer server;

    @BeforeEach
    void start() throws Exception {
        key = DropBoxFixture.newClientKey();
        DropBoxSettings settings = new DropBoxSettings(0, "127.0.0.1", tempDir.resolve("sftp"), tempDir.resolve("keys/host.pem"),
                Duration.ofMinutes(1), List.of(DropBoxFixture.passwordAccount(ALPHA, ALPHA_PASSWORD),
                DropBoxFixture.passwordAccount(BETA, BETA_PASSWORD),
                new DropBoxAccount(KEYED, DropBoxFixture.bcrypt("keyed-secret"), List.of(DropBoxFixture.authorizedKeyLine(key, "k")))),
                new DropBoxLimits(1_000_000, 100, MAX_FAILURES, MAX_ADDRESS_FAILURES, LOCKOUT));
        server = new DropBoxServer(settings, new RecordingListener(), clock);
        server.start();
        log.start();
        lockoutLogger().addAppender(log);
    }

    @AfterEach
    void stop() {
        lockoutLogger().detachAppender(log);
        server.stop();
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightPasswordUntilTheLockExpires() throws Exception {
        failLogins(ALPHA, MAX_FAILURES);

        assertRefused(ALPHA, ALPHA_PASSWORD);
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("SFTP account alpha locked for logins from 127.0.0.1 for PT15M after 3 failed logins"));

        clock.advance(LOCKOUT.plusSeconds(1));
        assertAccepted(ALPHA, ALPHA_PASSWORD);
    }

    @Test
    void oneSendersLockedAccountLeavesOtherSendersBehindTheSameAddressLoggingIn() throws Exception {
        failLogins(ALPHA, MAX_FAILURES);

        assertRefused(ALPHA, ALPHA_PASSWORD);
        assertAccepted(BETA, BETA_PASSWORD);
        assertThat(warnings()).noneMatch(w -> w.contains("logins from 127.0.0.1 locked"));
    }

    @Test
    void failuresSpreadOverSeveralAccountsLockTheAddress() throws Exception {
        failLogins(ALPHA, 2);
        failLogins(BETA, 2);
        assertAccepted(BETA, BETA_PASSWORD);
        failLogins("no-such-source", 1);

        assertRefused(BETA, BETA_PASSWORD);
        assertRefused(KEYED, "keyed-secret");
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("SFTP logins from 127.0.0.1 locked for PT15M after 5 failed logins"));

        clock.advance(LOCKOUT.plusSeconds(1));
        assertAccepted(BETA, BETA_PASSWORD);
    }

    @Test
    void fewerFailuresThanTheLimitLockNothing() throws Exception {
        failLogins(ALPHA, MAX_FAILURES - 1);

        assertAccepted(ALPHA, ALPHA_PASSWORD);
        assertThat(warnings()).noneMatch(w -> w.contains("locked for"));
    }

    @Test
    void failuresOlderThanTheLockoutAreForgotten() throws Exception {
        failLogins(ALPHA, MAX_FAILURES - 1);
        clock.advance(LOCKOUT.plusSeconds(1));
        failLogins(ALPHA, 1);

        assertAccepted(ALPHA, ALPHA_PASSWORD);
    }

    @Test
    void aKeyLoginSucceedsWhileTheAccountsPasswordLoginsAreLocked() throws Exception {
        failLogins(KEYED, MAX_FAILURES);
        assertRefused(KEYED, "keyed-secret");

        try (SftpConnection keyed = SftpConnection.withKey(server.port(), KEYED, key)) {
            assertThat(keyed.session().isAuthenticated()).isTrue();
        }

        failLogins(ALPHA, MAX_ADDRESS_FAILURES - MAX_FAILURES);
        assertRefused(BETA, BETA_PASSWORD);
        try (SftpConnection keyed = SftpConnection.withKey(server.port(), KEYED, key)) {
            assertThat(keyed.session().isAuthenticated()).as("while the address is locked too").isTrue();
        }
    }

    @Test
    void anAccountLockedFromOneAddressStillTakesItsRightPasswordFromAnother() throws Exception {
        failLogins(ALPHA, MAX_FAILURES);
        assertRefused(ALPHA, ALPHA_PASSWORD);

        try (SftpConnection own = SftpConnection.withPasswordFrom("127.0.0.2", server.port(), ALPHA, ALPHA_PASSWORD)) {
            assertThat(own.session().isAuthenticated()).as("the sender from its own address").isTrue();
        }
        assertRefused(ALPHA, ALPHA_PASSWORD);
    }

    @Test
    void loginsRefusedWhileTheAccountIsLockedWriteOneLineWithTheirCount() {
        failLogins(ALPHA, MAX_FAILURES);

        List<String> lines = linesDuring(() -> {
            for (int i = 0; i < 20; i++) {
                assertRefused(ALPHA, ALPHA_PASSWORD);
            }
        });

        assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("refused while locked").contains("user=alpha"));
    }

    @Test
    void aLongLoginNameIsLoggedCutShort() {
        String longName = "n".repeat(5_000);

        List<String> lines = linesDuring(() -> failLogins(longName, 1));

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).hasSizeLessThan(300).contains("(5000 chars)"));
    }

    /** A password pasted into the name field stays out of the log (kept 90 days); an account is still named. */
    @Test
    void aLoginNameThatIsNoAccountIsLoggedByItsLengthOnly() {
        String pasted = "Xj#2026-secret";

        List<String> lines = linesDuring(() -> failLogins(pasted, 1));

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(pasted))
                .anySatisfy(line -> assertThat(line).contains("SFTP login failed").contains("user=未知用户/unknown user (14 chars)"));
        assertThat(linesDuring(() -> failLogins(ALPHA, 1))).anySatisfy(line -> assertThat(line).contains("user=alpha"));
    }

    /** The lines of every logger at INFO or above while {@code logins} runs. */
    private static List<String> linesDuring(Runnable logins) {
        ListAppender<ILoggingEvent> all = new ListAppender<>();
        all.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(all);
        try {
            logins.run();
        } finally {
            root.detachAppender(all);
        }
        return LoggedEvents.of(all).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO) && e.getLoggerName().startsWith("org.tracehub"))
                .map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains("127.0.0.1")).toList();
    }

    private void failLogins(String user, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> SftpConnection.withPassword(server.port(), user, "guess-" + user)).isInstanceOf(IOException.class);
        }
    }

    private void assertRefused(String user, String password) {
        assertThatThrownBy(() -> SftpConnection.withPassword(server.port(), user, password)).isInstanceOf(IOException.class);
    }

    private void assertAccepted(String user, String password) throws Exception {
        try (SftpConnection connection = SftpConnection.withPassword(server.port(), user, password)) {
            assertThat(connection.session().isAuthenticated()).isTrue();
        }
    }

    private List<String> warnings() {
        return LoggedEvents.of(log).stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Logger lockoutLogger() {
        return (Logger) LoggerFactory.getLogger(LoginLockout.class);
    }
}
