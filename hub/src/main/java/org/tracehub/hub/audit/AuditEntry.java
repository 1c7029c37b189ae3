package org.tracehub.hub.audit;

import java.time.OffsetDateTime;

/**
 * One recorded action.
 *
 * @param outcome the HTTP status the action was answered with
 */
public record AuditEntry(long id, OffsetDateTime actedAt, String who, String action, String actionText, String batchId,
                         String sourceId, int outcome, String detail) {

    public boolean succeeded() {
        return outcome < 400;
    }
}
