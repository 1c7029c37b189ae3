package org.tracehub.platform.schedule;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * The last time a cron was due. Spring's scheduler only looks forward: a run due while the hub was down (a maintenance
 * window over the night's 02:00) is never run, and its work waits for the next due time. A start-up asks here when the
 * cron was last due, and runs that run once if nothing recorded it.
 */
public final class CronDue {

    private static final Duration FIRST_LOOK_BACK = Duration.ofMinutes(1);

    private CronDue() {
    }

    /**
     * The latest time at or before {@code now} at which the cron (Spring's six fields) was due, in {@code now}'s zone;
     * empty when it was not due within {@code maxAge} before {@code now} (exclusive).
     */
    public static Optional<ZonedDateTime> lastDue(String cron, ZonedDateTime now, Duration maxAge) {
        CronExpression expression = CronExpression.parse(cron);
        if (maxAge.isNegative() || maxAge.isZero()) {
            return Optional.empty();
        }
        // a cron only answers "next after": look back a minute, then twice as far each time, so that a cron due every
        // second is not stepped through a whole day and a daily one is found in a few steps
        for (Duration lookBack = FIRST_LOOK_BACK; ; lookBack = lookBack.multipliedBy(2)) {
            Duration window = lookBack.compareTo(maxAge) < 0 ? lookBack : maxAge;
            ZonedDateTime due = expression.next(now.minus(window));
            if (due != null && !due.isAfter(now)) {
                for (ZonedDateTime next = expression.next(due); next != null && !next.isAfter(now); next = expression.next(next)) {
                    due = next;
                }
                return Optional.of(due);
            }
            if (window.equals(maxAge)) {
                return Optional.empty();
            }
        }
    }
}
