package org.tracehub.hub.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.tracehub.platform.testing.MutableClock;

/** A flood of refusals is one WARN line a minute with its count, not a line (or an audit row) each. */
class RefusalTallyTest {

    private final MutableClock clock = new MutableClock();
    private final RefusalTally refusals = new RefusalTally(clock);

    @Test
    void theFirstRefusalIsReportedAtOnceAndTheRestOfTheMinuteWithTheNextReportAfterIt() {
        assertThat(refusals.refused()).hasValue(1);
        for (int i = 0; i < 500; i++) {
            clock.advance(Duration.ofMillis(100));
            assertThat(refusals.refused()).isEmpty();
        }

        clock.advance(Duration.ofSeconds(10));

        assertThat(refusals.refused()).as("the 500 held back and this one").hasValue(501);
        assertThat(refusals.refused()).isEmpty();
    }

    @Test
    void aRefusalAfterAQuietSpellIsReportedAtOnce() {
        refusals.refused();
        clock.advance(Duration.ofHours(3));

        assertThat(refusals.refused()).isEqualTo(OptionalLong.of(1));
    }
}
