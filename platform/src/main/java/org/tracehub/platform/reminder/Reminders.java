package org.tracehub.platform.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * When each lasting problem that needs an administrator was last logged at ERROR. A sweep meets such a problem every few
 * minutes for as long as it lasts: an ERROR each time (288 a day for one taken folder) buried every other ERROR in the log
 * and made an alert on ERRORs useless. A problem is told when first met, then once a day while it lasts.
 *
 * @param <K> what names a problem: a taken folder, a batch
 */
public final class Reminders<K> {

    public static final Duration DAILY = Duration.ofDays(1);

    private final Clock clock;
    private final Map<K, Instant> told = new ConcurrentHashMap<>();

    public Reminders(Clock clock) {
        this.clock = clock;
    }

    /** Whether the problem is to be logged at ERROR now (and counted as told): first met, or last told a day ago or more. */
    public boolean due(K problem) {
        Instant now = clock.instant();
        boolean[] due = {false};
        told.compute(problem, (p, last) -> {
            if (last == null || !now.isBefore(last.plus(DAILY))) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    /** Forgets the problems that are over, so that one coming back is told at once. */
    public void forgetIf(Predicate<K> over) {
        told.keySet().removeIf(over);
    }

    /** Forgets the problems last told more than two days ago: not met since the last reminder, so over. */
    public void forgetQuiet() {
        Instant quietSince = clock.instant().minus(DAILY.multipliedBy(2));
        told.values().removeIf(last -> last.isBefore(quietSince));
    }
}
