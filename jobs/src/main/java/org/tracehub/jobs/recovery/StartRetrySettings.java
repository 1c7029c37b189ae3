package org.tracehub.jobs.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.jobs.start-retry.*}: how often a scheduled run (the nightly sync, the purge) whose start failed because the
 * database could not be reached is tried again ({@link ScheduledStarts}). It is tried until its schedule's
 * {@code catch-up-window} after the time it was due is over.
 *
 * @param initialDelay the wait after the first failed start; doubled after each further one
 * @param maxDelay     the longest wait between two tries
 */
@ConfigurationProperties(prefix = "hub.jobs.start-retry", ignoreUnknownFields = false)
public record StartRetrySettings(
        @DefaultValue("1m") Duration initialDelay,
        @DefaultValue("5m") Duration maxDelay) {

    public StartRetrySettings {
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("hub.jobs.start-retry: initial-delay must be positive and at most max-delay ("
                    + initialDelay + ", " + maxDelay + ")");
        }
    }
}
