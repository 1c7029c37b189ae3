package org.tracehub.routes.pull;

import java.time.OffsetDateTime;

/**
 * How a source's pulls went. A pull fails when the legacy server cannot be reached, refuses the login,
 * shows an unknown host key or cannot be listed, or when a fetched file could not be taken in.
 *
 * @param consecutiveFailures failed pulls since the last one that succeeded; 0 when the last pull succeeded
 * @param lastFetched         files fetched by the last successful pull
 * @param lastUnmatched       files that pull listed whose names match none of the source's file names, left on the server
 */
public record PullStatus(String sourceId, OffsetDateTime lastAttemptAt, OffsetDateTime lastSuccessAt, OffsetDateTime lastFailureAt,
                         String lastFailureMessage, int consecutiveFailures, int lastFetched, int lastUnmatched) {

    public PullStatus(String sourceId, OffsetDateTime lastAttemptAt, OffsetDateTime lastSuccessAt, OffsetDateTime lastFailureAt,
                      String lastFailureMessage, int consecutiveFailures, int lastFetched) {
        this(sourceId, lastAttemptAt, lastSuccessAt, lastFailureAt, lastFailureMessage, consecutiveFailures, lastFetched, 0);
    }

    public static PullStatus never(String sourceId) {
        return new PullStatus(sourceId, null, null, null, null, 0, 0);
    }

    public boolean failing() {
        return consecutiveFailures > 0;
    }
}
