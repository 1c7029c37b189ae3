package org.tracehub.routes.pull;

import java.time.OffsetDateTime;

/**
 * Files a pull left on the legacy server: taken in but not moved or deleted afterwards (the {@code after-fetch} step
 * failed: a done-dir the pull's user may not write, a file it may not delete; such a file is in the hub and remembered,
 * so no later pull fetches it again, and it stays in the legacy folder until someone moves it by hand), or not fetched
 * at all because it changed too lately, or kept changing through the settle check, at the last run of the night,
 * follow-ups included ({@link PullSchedule}; the two reasons worded apart, the settle check's in Chinese first).
 *
 * @param at         when the run that left them ended
 * @param filesLeft  how many files that run left on the server
 * @param message    the first one's name and why, and what to do (or the names of those not fetched)
 */
public record PullWarning(OffsetDateTime at, int filesLeft, String message) {
}
