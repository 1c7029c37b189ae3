package org.tracehub.platform.operator;

import java.time.OffsetDateTime;

/**
 * A business as the platform knows it.
 *
 * @param lastReportedAt time of the newest event the business reported itself; null when it is known only as a counterparty
 */
public record Operator(String uscc, String name, String nodeCode, String nodeType, OffsetDateTime lastReportedAt) {
}
