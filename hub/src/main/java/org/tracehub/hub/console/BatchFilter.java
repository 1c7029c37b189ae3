package org.tracehub.hub.console;

import org.tracehub.platform.batch.BatchStatus;

/**
 * The batch list's filters; any may be null. {@code from} and {@code to} are days in the hub's time zone, both
 * included, or times of them ({@code to} excluded).
 */
public record BatchFilter(String source, BatchStatus status, BatchDays.Bound from, BatchDays.Bound to) {
}
