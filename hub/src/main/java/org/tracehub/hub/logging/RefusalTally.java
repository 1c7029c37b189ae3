package org.tracehub.hub.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Refusals a client can repeat as fast as it likes, reported at most once an {@link #INTERVAL} with their count: a WARN
 * line each would let one client fill the log's size cap and roll away months of batch logs. Requests of callers nobody
 * signed in as (a scanner, a bot, a stale bookmark), and sign-ins refused while a lock lasts (the lock itself is logged
 * when it starts, {@code LoginLockout}).
 */
public final class RefusalTally {

    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private Instant lastReport;
    private long unreported;

    public RefusalTally(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one refusal; the refusals to report now (this one and those since the last report) when the last report
     * is an interval old or there was none, else empty.
     */
    public synchronized OptionalLong refused() {
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
