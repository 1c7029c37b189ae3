package org.tracehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tracehub.platform.testing.MutableClock;

class CachingPasswordEncoderTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final CountingEncoder bcrypt = new CountingEncoder(new BCryptPasswordEncoder(4));
    private final MutableClock clock = new MutableClock();
    private final String hash = bcrypt.encode("xj-demo-2026");

    @Test
    void aPasswordThatMatchedIsNotCheckedWithBcryptAgainWithinTheTtl() {
        PasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, TTL, 10, clock);

        for (int call = 0; call < 5; call++) {
            assertThat(encoder.matches("xj-demo-2026", hash)).isTrue();
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(bcrypt.checks).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverMatchesAlsoRightAfterTheRightOne() {
        PasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, TTL, 10, clock);
        assertThat(encoder.matches("xj-demo-2026", hash)).isTrue();

        assertThat(encoder.matches("xj-demo-2025", hash)).isFalse();
        assertThat(encoder.matches("xj-demo-2025", hash)).isFalse();
        assertThat(encoder.matches("", hash)).isFalse();

        assertThat(bcrypt.checks).isEqualTo(4);
    }

    @Test
    void afterTheTtlThePasswordIsCheckedAgain() {
        PasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, TTL, 10, clock);
        encoder.matches("xj-demo-2026", hash);

        clock.advance(TTL);

        assertThat(encoder.matches("xj-demo-2026", hash)).isTrue();
        assertThat(bcrypt.checks).isEqualTo(2);
    }

    @Test
    void aNewHashForTheUserIsCheckedAndTheOldPasswordDoesNotMatchIt() {
        PasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, TTL, 10, clock);
        encoder.matches("xj-demo-2026", hash);
        String changed = bcrypt.encode("xj-2027-new");

        assertThat(encoder.matches("xj-demo-2026", changed)).isFalse();
        assertThat(encoder.matches("xj-2027-new", changed)).isTrue();
        assertThat(bcrypt.checks).isEqualTo(3);
    }

    @Test
    void beyondItsSizeTheEarliestVerifiedPasswordIsForgottenFirst() {
        PasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, TTL, 2, clock);
        String second = bcrypt.encode("operator-pass");
        String third = bcrypt.encode("viewer-pass");
        encoder.matches("xj-demo-2026", hash);
        encoder.matches("operator-pass", second);
        encoder.matches("viewer-pass", third);
        int before = bcrypt.checks;

        encoder.matches("viewer-pass", third);
        encoder.matches("operator-pass", second);
        assertThat(bcrypt.checks).as("the two newest are remembered").isEqualTo(before);
        encoder.matches("xj-demo-2026", hash);
        assertThat(bcrypt.checks).as("the oldest was dropped").isEqualTo(before + 1);
    }

    @Test
    void aTtlOfZeroChecksEveryTime() {
        PasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, Duration.ZERO, 10, clock);

        encoder.matches("xj-demo-2026", hash);
        encoder.matches("xj-demo-2026", hash);

        assertThat(bcrypt.checks).isEqualTo(2);
    }

    @Test
    void encodingAndUpgradingAreTheDelegates() {
        PasswordEncoder encoder = new CachingPasswordEncoder(bcrypt, TTL, 10, clock);

        String encoded = encoder.encode("new-secret");

        assertThat(encoded).startsWith("$2a$04$");
        assertThat(encoder.matches("new-secret", encoded)).isTrue();
        assertThat(encoder.upgradeEncoding(encoded)).isFalse();
    }

    /** bcrypt, counting the checks. */
    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        private int checks;

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks++;
            return delegate.matches(rawPassword, encodedPassword);
        }
    }
}
