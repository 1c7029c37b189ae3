package org.tracehub.routes.pull;

import java.time.OffsetDateTime;

/**
 * Files a pull left on the legacy server, of one {@link Kind}: taken in but not moved or deleted afterwards, or not
 * fetched at all (too new, or no space for them on the hub). They call for different actions (delete by hand, leave be,
 * free the hub's disk), so the console words them apart.
 *
 * @param kind       which of the two
 * @param at         when the run that left them ended
 * @param filesLeft  how many files that run left on the server
 * @param message    the first one's name and why, and what to do (or the names of those not fetched, and why)
 */
public record PullWarning(Kind kind, OffsetDateTime at, int filesLeft, String message) {

    /** Why the files are still on the legacy server. */
    public enum Kind {
        /**
         * Taken in, but the {@code after-fetch} step failed (a done-dir the pull's user may not write, a file it may not
         * delete): the file is in the hub and remembered, so no later pull fetches it again, and it stays in the legacy
         * folder until someone moves or deletes it by hand. The only kind before V26: a warning stored without a kind is
         * this one.
         */
        LEFT_AFTER_FETCH,
        /**
         * Not fetched: changed too lately ({@code hub.pull.min-file-age}) or kept changing through the settle check
         * ({@code hub.pull.settle-give-up}) at the last run of the night, follow-ups included ({@link PullSchedule}). The
         * hub does not have it; the next scheduled or requested pull tries again, and deleting it would lose its records.
         * Cleared by a later run that leaves no file for later, whether it fetched them or found them gone.
         */
        NOT_FETCHED,
        /**
         * Not fetched: its download would have taken the hub's data disk below {@code hub.intake.min-disk-free}. The hub
         * does not have it, and the legacy server was left as it was; the source pulls again until space is back. The
         * action is on the hub (free space), not on the legacy server. Cleared as {@link #NOT_FETCHED} is.
         */
        WAITING_FOR_DISK,
        /**
         * Not fetched: the run fetched nothing, and the folder held files whose names match none of the source's file
         * names ({@code file-names} of its spec): an export renamed on the legacy server (a new prefix, a date format) is
         * never fetched, while every pull counted as a success. The action is on the spec or the server's export. Cleared
         * as {@link #NOT_FETCHED} is: by a run that fetches files or finds no such names.
         */
        UNMATCHED_NAMES;

        /** Whether the files are still to be fetched (not in the hub): a later run that leaves none clears it. */
        public boolean notFetched() {
            return this != LEFT_AFTER_FETCH;
        }
    }
}
