package org.tracehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.tracehub.platform.testing.MutableClock;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.hub.metrics.HubMetrics;
import org.tracehub.hub.sftp.LoginLockout;

/**
 * HTTP sign-in under the drop-box's lockout, as the filter chain calls it (the client's address in the attempt's details,
 * as Basic and the form record it): five wrong passwords lock the account from that address for 15 minutes, as on SFTP,
 * not from the sender's own; while locked nothing is checked with bcrypt, not even the right password.
 */
@ExtendWith(OutputCaptureExtension.class)
class LockingAuthenticationProviderTest {

    private static final String MARKET = "market-a";
    private static final String OTHER = "market-b";
    private static final String PASSWORD = "market-secret";
    private static final String GUESSER = "203.0.113.7";
    private static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock();
    private final LoginLockout lockout = new LoginLockout(5, 8, LOCKOUT, clock);
    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private HubUserDirectory users;
    private final LockingAuthenticationProvider provider = provider();

    @Test
    void sixWrongPasswordsLockTheSenderFromThatAddressSoTheRightOneIsRefusedWithoutBcryptUntilTheLockRunsOut() {
        for (int i = 1; i <= 5; i++) {
            assertThatThrownBy(() -> signIn(MARKET, "guess", GUESSER)).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(bcryptChecks).hasValue(5);

        assertThatThrownBy(() -> signIn(MARKET, "guess", GUESSER)).isInstanceOf(LoginLockedException.class);
        assertThatThrownBy(() -> signIn(MARKET, PASSWORD, GUESSER)).isInstanceOfSatisfying(LoginLockedException.class,
                e -> assertThat(e.getMessage()).isEqualTo("登录失败次数过多，请15分钟后再试"));
        assertThat(bcryptChecks).as("a locked sign-in costs no bcrypt").hasValue(5);
        assertThat(lockout.isLocked(MARKET, GUESSER)).as("the drop-box account is locked too, from that address").isTrue();

        clock.advance(LOCKOUT.plusSeconds(1));
        assertThat(signIn(MARKET, PASSWORD, GUESSER).isAuthenticated()).isTrue();
    }

    @Test
    void aLockFromOneAddressDoesNotRefuseTheRightPasswordFromAnother() {
        for (int i = 1; i <= 5; i++) {
            assertThatThrownBy(() -> signIn(MARKET, "guess", GUESSER)).isInstanceOf(BadCredentialsException.class);
        }

        assertThat(signIn(MARKET, PASSWORD, "198.51.100.1").isAuthenticated()).as("the sender from its own address").isTrue();
        assertThatThrownBy(() -> signIn(MARKET, PASSWORD, GUESSER)).as("still locked from the guesser's")
                .isInstanceOf(LoginLockedException.class);
        assertThat(lockout.isLocked(MARKET, "198.51.100.1")).isFalse();
    }

    @Test
    void oneSendersFailuresLockItsAccountNotOtherSendersBehindTheSameGatewayUntilTheAddressLimit() {
        for (int i = 1; i <= 5; i++) {
            assertThatThrownBy(() -> signIn(MARKET, "guess", GUESSER)).isInstanceOf(BadCredentialsException.class);
        }

        assertThat(signIn(OTHER, PASSWORD, GUESSER).isAuthenticated()).as("another sender behind the same gateway").isTrue();

        for (int i = 1; i <= 3; i++) {
            assertThatThrownBy(() -> signIn(OTHER, "guess", GUESSER)).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn(OTHER, PASSWORD, GUESSER)).as("the address, after 8 failures over its accounts")
                .isInstanceOf(LoginLockedException.class);
        assertThat(signIn(OTHER, PASSWORD, "198.51.100.1").isAuthenticated()).as("another sender elsewhere").isTrue();
    }

    @Test
    void madeUpNamesLockTheAddressOnlyAndASuccessClearsItsAccountsFailures() {
        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> signIn(MARKET, "guess", "198.51.100.1")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(signIn(MARKET, PASSWORD, "198.51.100.1").isAuthenticated()).isTrue();
        assertThatThrownBy(() -> signIn(MARKET, "guess", "198.51.100.1")).isInstanceOf(BadCredentialsException.class);
        assertThat(signIn(MARKET, PASSWORD, "198.51.100.1").isAuthenticated()).as("the count started again").isTrue();

        for (int i = 1; i <= 8; i++) {
            String madeUp = "no-such-" + i;
            assertThatThrownBy(() -> signIn(madeUp, "guess", GUESSER)).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn(MARKET, PASSWORD, GUESSER)).isInstanceOf(LoginLockedException.class);
        assertThat(signIn(MARKET, PASSWORD, "198.51.100.2").isAuthenticated()).isTrue();
    }

    /** A password pasted into the name field must not stay in the log for 90 days; an account's name is kept for the admin. */
    @Test
    void aNameThatIsNoUserIsLoggedByItsLengthOnlyAndAnAccountByItsName(CapturedOutput output) {
        String pasted = "Xj#2026-market-secret";
        RefusedLogins refusedLogins = new RefusedLogins(new HubMetrics(new SimpleMeterRegistry()), users);
        // the account locked from one address, and made-up names locking another
        for (int i = 1; i <= 5; i++) {
            refusedSignIn(refusedLogins, MARKET, "198.51.100.1");
        }
        for (int i = 1; i <= 8; i++) {
            refusedSignIn(refusedLogins, pasted, GUESSER);
        }
        assertThatThrownBy(() -> signIn(pasted, "guess", GUESSER)).isInstanceOf(LoginLockedException.class);

        assertThat(output.getAll()).doesNotContain(pasted)
                .contains("HTTP sign-in refused: user=未知用户/unknown user (21 chars)")
                .contains("(last as 未知用户/unknown user (21 chars))").contains("HTTP account " + MARKET + " locked")
                .contains("HTTP sign-in refused: user=" + MARKET + " ")
                .contains("latest: HTTP user=未知用户/unknown user (21 chars)");
    }

    private void refusedSignIn(RefusedLogins refusedLogins, String user, String from) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(user, "guess");
        attempt.setDetails(new WebAuthenticationDetails(from, null));
        assertThatThrownBy(() -> provider.authenticate(attempt)).isInstanceOfSatisfying(BadCredentialsException.class,
                e -> refusedLogins.refused(new AuthenticationFailureBadCredentialsEvent(attempt, e)));
    }

    private Authentication signIn(String user, String password, String from) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        attempt.setDetails(new WebAuthenticationDetails(from, null));
        return provider.authenticate(attempt);
    }

    private LockingAuthenticationProvider provider() {
        String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
        DropBoxProperties dropBox = new DropBoxProperties();
        for (String source : new String[] {MARKET, OTHER}) {
            DropBoxProperties.Account account = new DropBoxProperties.Account();
            account.setPasswordHash(hash);
            dropBox.getAccounts().put(source, account);
        }
        users = new HubUserDirectory(new HubSecurityProperties(), dropBox);
        PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder(); // as the hub's, for {bcrypt} hashes
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptChecks.incrementAndGet();
                return bcrypt.matches(raw, encoded);
            }
        };
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(counting);
        return new LockingAuthenticationProvider(passwords, lockout, users);
    }
}
