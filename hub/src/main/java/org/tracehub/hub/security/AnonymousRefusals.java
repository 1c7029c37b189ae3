package org.tracehub.hub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Refusals of callers nobody signed in as, reported at most once an {@link #INTERVAL}. Such a refusal (a POST anywhere
 * without a session's CSRF token: a scanner, a bot, a stale bookmark) is no hub user's action, so it has no place in
 * the audit log; written there, every anonymous request cost a database connection and an insert, past the public
 * query limit, and could push a batch's real entries off its page. A WARN line with the count still shows a flood.
 */
final class AnonymousRefusals {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private Instant lastReport;
    private long unreported;

    AnonymousRefusals(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one refusal; the refusals to report now (this one and those since the last report) when the last report
     * is an interval old or there was none, else empty.
     */
    synchronized OptionalLong refused() {
        unreported++;
        Instant now = clock.instant();
        if (lastReport != null && now.isBefore(lastReport.plus(INTERVAL))) {
            return OptionalLong.empty();
        }
        long count = unreported;
        unreported = 0;
        lastReport = now;
        return OptionalLong.of(count);
    }
}
