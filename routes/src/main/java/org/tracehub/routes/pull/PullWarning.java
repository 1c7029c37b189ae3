package org.tracehub.routes.pull;

import java.time.OffsetDateTime;

/**
 * Files a pull took in but could not move or delete on the legacy server afterwards (the {@code after-fetch} step
 * failed: a done-dir the pull's user may not write, a file it may not delete). Such a file is in the hub and remembered,
 * so no later pull fetches it again; it stays in the legacy folder until someone moves it by hand.
 *
 * @param at         when the run that left them ended
 * @param filesLeft  how many files that run left on the server
 * @param message    the first one's name and why, and what to do
 */
public record PullWarning(OffsetDateTime at, int filesLeft, String message) {
}
