package org.tracehub.jobs.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.jobs.disk-full-retry.*}: how the hub retries a batch whose run stopped because the data disk was full or
 * below {@code hub.intake.min-disk-free} (failure code {@code DISK_FULL}) by itself ({@link DiskFullRetry}).
 *
 * @param interval how often the hub looks whether space is back and retries such batches
 * @param maxTries runs in a row of such a batch's attempt that stop for the disk, the first included, before it is failed
 *                 for an admin (PROCESSING_ERROR, with its receipt); a run that failed otherwise before them does not count;
 *                 1 retries nothing
 */
@ConfigurationProperties(prefix = "hub.jobs.disk-full-retry", ignoreUnknownFields = false)
public record DiskFullRetrySettings(
        @DefaultValue("5m") Duration interval,
        @DefaultValue("5") int maxTries) {

    public DiskFullRetrySettings {
        if (interval.isNegative() || interval.isZero() || maxTries < 1) {
            throw new IllegalArgumentException("hub.jobs.disk-full-retry: interval must be positive and max-tries at least 1 ("
                    + interval + ", " + maxTries + ")");
        }
    }
}
