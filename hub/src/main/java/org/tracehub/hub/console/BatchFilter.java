package org.tracehub.hub.console;

import java.time.LocalDate;
import org.tracehub.platform.batch.BatchStatus;

/**
 * The batch list's filters; any may be null. {@code from} and {@code to} are days in the hub's time
 * zone, both included.
 */
public record BatchFilter(String source, BatchStatus status, LocalDate from, LocalDate to) {
}
